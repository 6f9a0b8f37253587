"""A corpus of budget appendices in the layouts provinces publish, with planted errors."""
