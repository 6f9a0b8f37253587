from nscl.reporting.notifications import reminders_send
from nscl.workflow.reminders import ReminderCommand


class Command(ReminderCommand):
    help = "Nhắc các đơn vị chưa gửi báo cáo (5 ngày trước hạn, đúng hạn, 3 ngày sau hạn)."
    what = "thư nhắc báo cáo"

    def send(self, day):
        return reminders_send(day)
