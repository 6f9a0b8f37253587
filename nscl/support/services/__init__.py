"""Every write of the support module; the case steps all go through `workflow.perform`."""
