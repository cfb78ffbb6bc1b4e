"""Template context for every page: the service navigation for the signed-in user's role."""

from django.urls import NoReverseMatch, reverse

from homeward.front.navigation import NAVIGATION


def navigation(request) -> dict:
    """``navigation_items``: the registry's items for this user's role, with resolved hrefs.

    Items whose URL name does not (yet) exist are skipped, so the registry can run ahead of the
    pages. The item for the page being shown is marked ``current`` (aria-current="page").
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation_items": []}
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match is not None else ""
    items = []
    for item in NAVIGATION:
        if user.role not in item.roles:
            continue
        try:
            href = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "href": href, "current": item.url_name == current})
    return {"navigation_items": items}
