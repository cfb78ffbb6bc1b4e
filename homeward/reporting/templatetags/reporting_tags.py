from django import template

from homeward.reporting.tables import cell_text

register = template.Library()


@register.filter
def cell(value) -> str:
    """A table cell in its one text form, shared with the downloads (tables.cell_text)."""
    return cell_text(value)
