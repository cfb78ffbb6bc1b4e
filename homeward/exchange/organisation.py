"""Which organisation a command-line run acts for (SPEC.md §9 command line)."""

from django.core.management.base import CommandError

from homeward.accounts.models import Organisation


def organisation_for_command(name_or_id: str | None) -> Organisation:
    """The local authority named (or numbered) on the command line; the only one if not given."""
    authorities = Organisation.objects.filter(kind=Organisation.Kind.LOCAL_AUTHORITY)
    if name_or_id is None:
        found = list(authorities[:2])
        if len(found) != 1:
            raise CommandError(
                f"There are {authorities.count()} local authorities; "
                "name one with --organisation NAME_OR_ID."
            )
        return found[0]
    matches = list(Organisation.objects.filter(name=name_or_id)[:2])
    if not matches and name_or_id.isdigit():
        matches = list(Organisation.objects.filter(pk=int(name_or_id)))
    if len(matches) != 1:
        problem = "No organisation" if not matches else "More than one organisation"
        raise CommandError(f"{problem} is named or numbered '{name_or_id}'.")
    return matches[0]
