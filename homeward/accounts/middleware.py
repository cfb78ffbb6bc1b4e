from django.core.exceptions import PermissionDenied

from homeward.accounts.access import access_rule
from homeward.accounts.models import Role


class AccessRuleMiddleware:
    """Refuse any view that does not declare an access rule (deny by default).

    Django's admin is the one exception: it checks staff status itself, and here it is further
    limited to administrators, who see only the models registered there (no child data).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if access_rule(view_func) is not None:
            return None
        match = request.resolver_match
        if match is not None and match.namespace == "admin":
            user = request.user
            if user.is_authenticated and not (user.is_superuser or user.role == Role.ADMINISTRATOR):
                raise PermissionDenied
            return None
        raise PermissionDenied
