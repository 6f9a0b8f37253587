"""A path under the API that names nothing (`/api/v1/plans/0.16/`) is answered as the API
answers: 404 with a JSON body, not Django's HTML page."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt  # a POST to a path naming nothing is a 404 too, not the CSRF page
def api_not_found(request, *args, **kwargs) -> JsonResponse:
    return JsonResponse({"detail": _("Không tìm thấy.")}, status=404,
                        json_dumps_params={"ensure_ascii": False})
