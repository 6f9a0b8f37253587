from nscl.support.notifications import reminders_send
from nscl.workflow.reminders import ReminderCommand


class Command(ReminderCommand):
    help = "Gửi nhắc hạn hợp đồng và hạn nộp hồ sơ (7 ngày trước và đúng ngày). Chạy hằng ngày."
    what = "thư nhắc hạn"

    def send(self, day):
        return reminders_send(day)
