"""SSDA903 code lists and Homeward's own coded values (SPEC.md §2, §7, §9).

Every coded value is a TextChoices, so forms, the loader and the exporter share one list.
The SSDA903 lists were checked against the DfE validator's code lists (rules 103, 143–146, 149).
"""

from django.db import models


class Sex(models.TextChoices):
    MALE = "1", "Male"
    FEMALE = "2", "Female"


class Gender(models.TextChoices):
    """Gender identity as the child describes it; empty means not recorded."""

    MALE = "male", "Male"
    FEMALE = "female", "Female"
    TRANSGENDER = "transgender", "Transgender"
    NON_BINARY = "non_binary", "Non-binary"
    OTHER = "other", "Other"


class Ethnicity(models.TextChoices):
    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WOTH = "WOTH", "Any other White background"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WROM = "WROM", "Gypsy/Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class ReasonNewEpisode(models.TextChoices):
    S = "S", "Started to be looked after"
    L = "L", "Change of legal status only"
    P = "P", "Change of placement and carer(s) only"
    T = "T", "Change of both legal status and placement and carer(s) at the same time"
    U = "U", "Change of placement but carer(s) stay the same"
    B = "B", "Change of legal status and placement at the same time, carer(s) stay the same"


class LegalStatus(models.TextChoices):
    C1 = "C1", "Interim care order"
    C2 = "C2", "Full care order"
    D1 = "D1", "Freeing order granted"
    E1 = "E1", "Placement order granted"
    J1 = "J1", "Remanded to local authority accommodation or youth detention"
    J2 = "J2", "Placed in local authority accommodation under PACE"
    J3 = "J3", "Sentenced to a youth rehabilitation order with residence requirement"
    L1 = "L1", "Under police protection and in local authority accommodation"
    L2 = "L2", "Emergency protection order"
    L3 = "L3", "Under child assessment order and in local authority accommodation"
    V2 = "V2", "Single period of accommodation under section 20"
    V3 = "V3", "Accommodated under an agreed series of short-term breaks (individual)"
    V4 = "V4", "Accommodated under an agreed series of short-term breaks (series)"


class CategoryOfNeed(models.TextChoices):
    N1 = "N1", "Abuse or neglect"
    N2 = "N2", "Child's disability"
    N3 = "N3", "Parental illness or disability"
    N4 = "N4", "Family in acute stress"
    N5 = "N5", "Family dysfunction"
    N6 = "N6", "Socially unacceptable behaviour"
    N7 = "N7", "Low income"
    N8 = "N8", "Absent parenting"


class PlacementType(models.TextChoices):
    A3 = "A3", "Placed for adoption with parental consent with current foster carer"
    A4 = "A4", "Placed for adoption with parental consent not with current foster carer"
    A5 = "A5", "Placed for adoption with placement order with current foster carer"
    A6 = "A6", "Placed for adoption with placement order not with current foster carer"
    H5 = "H5", "Semi-independent living accommodation / supported accommodation"
    K1 = "K1", "Secure children's home"
    K2 = "K2", "Children's home"
    P1 = "P1", "Placed with own parent(s) or other person(s) with parental responsibility"
    P2 = "P2", "Independent living"
    P3 = "P3", "Residential employment"
    R1 = "R1", "Residential care home"
    R2 = "R2", "NHS/health trust or other establishment providing medical or nursing care"
    R3 = "R3", "Family centre or mother and baby unit"
    R5 = "R5", "Young offender institution or prison"
    S1 = "S1", "All residential schools, except where dual-registered as a school and home"
    T0 = "T0", "Temporary placement (all types)"
    T1 = "T1", "Temporary periods in hospital"
    T2 = "T2", "Temporary absences of the child on holiday"
    T3 = "T3", "Temporary accommodation whilst normal foster carer is on holiday"
    T4 = "T4", "Temporary accommodation of seven days or less"
    U1 = "U1", "Foster placement with relative or friend (long term fostering)"
    U2 = "U2", "Foster placement with relative or friend (FFA/concurrent planning)"
    U3 = "U3", "Foster placement with relative or friend (not long term or FFA)"
    U4 = "U4", "Foster placement with other foster carer (long term fostering)"
    U5 = "U5", "Foster placement with other foster carer (FFA/concurrent planning)"
    U6 = "U6", "Foster placement with other foster carer (not long term or FFA)"
    Z1 = "Z1", "Other placements"


class PlacementProvider(models.TextChoices):
    PR0 = "PR0", "Parent(s) or other person(s) with parental responsibility"
    PR1 = "PR1", "Own provision (by the local authority)"
    PR2 = "PR2", "Other local authority provision"
    PR3 = "PR3", "Other public provision (e.g. by a PCT etc)"
    PR4 = "PR4", "Private provision"
    PR5 = "PR5", "Voluntary/third sector provision"


class ReasonEpisodeCeased(models.TextChoices):
    E11 = "E11", "Adopted: application for an adoption order unopposed"
    E12 = "E12", "Adopted: consent dispensed with by the court"
    E13 = "E13", "Left care to live with parent(s), relative(s) (not under a court order)"
    E14 = "E14", "Accommodation on remand ended"
    E15 = "E15", "Age assessment determined child is aged 18 or over"
    E16 = "E16", "Child moved abroad"
    E17 = "E17", "Aged 18 (or over) and remained with current carers (staying put)"
    E2 = "E2", "Died"
    E3 = "E3", "Care taken over by another local authority in the UK"
    E41 = "E41", "Residence order (or child arrangement order) granted"
    E45 = "E45", "Special guardianship order made to former foster carer(s)"
    E46 = "E46", "Special guardianship order made to carer(s) other than former foster carer(s)"
    E47 = "E47", "Special guardianship order made to former foster carer(s), other relative"
    E48 = "E48", "Special guardianship order made to carer(s), other than relative or friend"
    E4A = "E4A", "Returned home to live with parent(s), relative(s), as part of the care plan"
    E4B = "E4B", "Returned home to live with parent(s), relative(s), not part of the care plan"
    E5 = "E5", "Moved into independent living arrangement (supportive accommodation)"
    E6 = "E6", "Moved into independent living arrangement (no formalised support)"
    E7 = "E7", "Transferred to residential care funded by adult social care"
    E8 = "E8", "Period of being looked after ceased for any other reason"
    E9 = "E9", "Sentenced to custody"
    X1 = "X1", "Episode ceases, and new episode begins on same day, for any reason"


class ReasonPlaceChange(models.TextChoices):
    CARPL = "CARPL", "Change to the care plan"
    CLOSE = "CLOSE", "Placement provider closed or de-registered"
    ALLEG = "ALLEG", "Allegation (s47)"
    STAND = "STAND", "Standards of care concern"
    APPRR = "APPRR", "Approval removed"
    CREQB = "CREQB", "Carer request due to child's behaviour"
    CREQO = "CREQO", "Carer request for other reasons"
    CHILD = "CHILD", "Child requests placement end"
    LAREQ = "LAREQ", "Responsible local authority requests placement end"
    PLACE = "PLACE", "Change in the status of placement only"
    CUSTOD = "CUSTOD", "Custody arrangement"
    OTHER = "OTHER", "Other"


class PlacementGroup(models.TextChoices):
    """The placement groups reports use (SPEC.md §2, §9): the unregulated flag wins."""

    FOSTER = "foster", "Foster care"
    RESIDENTIAL = "residential", "Residential"
    SEMI_INDEPENDENT = "semi_independent", "Semi-independent"
    UNREGULATED = "unregulated", "Unregulated"
    PLACED_WITH_PARENTS = "placed_with_parents", "Placed with parents"
    OTHER = "other", "Other"
    NOT_LOOKED_AFTER = "not_looked_after", "Not looked after"


PLACEMENT_GROUP_CODES: dict[str, tuple[str, ...]] = {
    PlacementGroup.FOSTER: ("U1", "U2", "U3", "U4", "U5", "U6"),
    PlacementGroup.RESIDENTIAL: ("K1", "K2", "R1", "S1", "R2", "R3", "R5"),
    PlacementGroup.SEMI_INDEPENDENT: ("H5", "P2"),
    PlacementGroup.PLACED_WITH_PARENTS: ("P1",),
}


def placement_group(place: str, *, unregulated: bool) -> str:
    """The placement group of a PLACE code (SPEC.md §2); the unregulated flag wins."""
    if unregulated:
        return PlacementGroup.UNREGULATED
    for group, codes in PLACEMENT_GROUP_CODES.items():
        if place in codes:
            return group
    return PlacementGroup.OTHER


class InvolvementKind(models.TextChoices):
    EARLY_HELP = "early_help", "Early help"
    CHILD_IN_NEED = "child_in_need", "Child in need"
    CHILD_PROTECTION = "child_protection", "Child protection"
