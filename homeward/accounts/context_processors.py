from homeward.accounts.models import Role


def roles(request):
    """Expose the user's role to templates so navigation shows only what they may open."""
    user = getattr(request, "user", None)
    role = getattr(user, "role", "") if user is not None and user.is_authenticated else ""
    return {"user_role": role, "Role": Role}
