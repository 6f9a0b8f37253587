"""`nscl worker`: runs background tasks and the schedule, whatever the task backend.

On start it takes over the jobs of workers that died (a killed worker's half-filled stamp roll
is finished by the next one); beside the backend's own worker loop a thread says the worker is
alive, fires scheduled entries and sweeps for lost jobs every half minute.
"""

from django.core.management.base import BaseCommand, CommandError

from nscl.jobs.schedule import SchedulerThread
from nscl.jobs.services import jobs_recover, worker_beat, worker_gone, worker_name


class Command(BaseCommand):
    help = "Chạy các việc nền (tạo tem, tạo PDF, gửi thư, nhập tệp lớn) và lịch chạy định kỳ."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true",
                            help="Chạy hết các việc đang chờ rồi dừng.")
        parser.add_argument("--no-schedule", action="store_true",
                            help="Không chạy lịch định kỳ trong tiến trình này.")

    def handle(self, *args, burst=False, no_schedule=False, verbosity=1, **options):
        from django_tasks import task_backends

        backend = type(task_backends["default"])
        path = f"{backend.__module__}.{backend.__name__}"
        name = worker_name()
        worker_beat(name, path)
        recovered = jobs_recover()
        if verbosity:
            self.stdout.write(f"Worker {name} ({path}); nhận lại {recovered} việc dang dở.")
        scheduler = None
        if not no_schedule:
            scheduler = SchedulerThread(name, path)
            scheduler.start()
        try:
            if backend.__name__ == "DatabaseBackend":
                self._database(name, burst)
            elif backend.__name__ == "RQBackend":
                self._rq(name, burst)
            else:
                raise CommandError(f"Backend {path} chạy việc ngay khi gọi, không cần worker.")
        finally:
            if scheduler:
                scheduler.stop.set()
                scheduler.join(timeout=10)
            worker_gone(name)

    def _database(self, name: str, burst: bool) -> None:
        from django_tasks_db.management.commands.db_worker import Worker

        worker = Worker(queue_names=["*"], interval=0.5, batch=burst, backend_name="default",
                        startup_delay=False, max_tasks=None, worker_id=name[:64],
                        excluded_queue_names=[])
        worker.configure_signals()
        worker.run()

    def _rq(self, name: str, burst: bool) -> None:
        import django_rq

        worker = django_rq.get_worker("default", job_class="django_tasks_rq.Job",
                                      name=f"{name}-rq")
        worker.work(burst=burst, with_scheduler=False)
