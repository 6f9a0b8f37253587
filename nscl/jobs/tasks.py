"""The only tasks the backend carries, by the names queued before they moved beside the code
they run (`services.run_job`, `services.send_queued_mail`, `schedule.run_scheduled`): a queue
written by an earlier version still finds them here. Nothing of ours imports this module."""

from .schedule import run_scheduled
from .services import run_job, send_queued_mail

__all__ = ["run_job", "run_scheduled", "send_queued_mail"]
