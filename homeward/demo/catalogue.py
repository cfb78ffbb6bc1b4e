"""The fixed, invented vocabulary of the demo partnership: names, places, placements, schools.

Everything here is made up for Homeward's demo. Postcodes are all of the non-geographic
``ZZ99`` form; the council codes are of the ONS shape but belong to no real authority.
"""

from dataclasses import dataclass

PARTNERSHIP_NAME = "Northmoor Safeguarding Children Partnership"
COUNCIL_NAME = "Northmoor Borough Council"
COUNCIL_CODE = "E06099001"
POLICE_NAME = "Northmoor Police"
# Authorities that place children in Northmoor (we are the host authority), as their files
# name them (SPEC.md §9: "the authority's name or ONS code as the partner writes it").
OTHER_AUTHORITIES = ("Southmoor Metropolitan Borough Council", "Westdale County Council")
OTHER_AUTHORITY_POSTCODE_DISTRICT = {OTHER_AUTHORITIES[0]: "7", OTHER_AUTHORITIES[1]: "8"}

# Postcode inward letters (the Royal Mail never uses C, I, K, M, O, V there).
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

BOYS = [
    "Aaron",
    "Adam",
    "Aiden",
    "Alfie",
    "Archie",
    "Bailey",
    "Ben",
    "Billy",
    "Bradley",
    "Brandon",
    "Callum",
    "Cameron",
    "Charlie",
    "Connor",
    "Corey",
    "Daniel",
    "Declan",
    "Dylan",
    "Ellis",
    "Ethan",
    "Finley",
    "Harley",
    "Harrison",
    "Hayden",
    "Jack",
    "Jacob",
    "Jake",
    "Jamal",
    "Jayden",
    "Joel",
    "Jordan",
    "Josh",
    "Kai",
    "Kieran",
    "Kyle",
    "Leon",
    "Lewis",
    "Liam",
    "Louis",
    "Luca",
    "Mason",
    "Max",
    "Nathan",
    "Noah",
    "Oliver",
    "Owen",
    "Reece",
    "Riley",
    "Ryan",
    "Sam",
    "Taylor",
    "Theo",
    "Tyler",
    "Zac",
    "Zain",
    "Omar",
    "Hamza",
    "Kacper",
    "Tomasz",
]
GIRLS = [
    "Abbie",
    "Aleesha",
    "Alisha",
    "Amber",
    "Amelia",
    "Amy",
    "Aimee",
    "Bethany",
    "Brooke",
    "Caitlin",
    "Casey",
    "Chelsea",
    "Chloe",
    "Courtney",
    "Demi",
    "Eden",
    "Ella",
    "Ellie",
    "Emily",
    "Erin",
    "Evie",
    "Faith",
    "Freya",
    "Georgia",
    "Grace",
    "Hannah",
    "Holly",
    "Imogen",
    "Isla",
    "Jade",
    "Jasmine",
    "Jess",
    "Kayla",
    "Keira",
    "Lacey",
    "Lauren",
    "Leah",
    "Lexi",
    "Libby",
    "Lily",
    "Maddison",
    "Megan",
    "Mia",
    "Millie",
    "Molly",
    "Nadia",
    "Paige",
    "Phoebe",
    "Poppy",
    "Rebecca",
    "Rosie",
    "Ruby",
    "Sasha",
    "Shannon",
    "Sienna",
    "Skye",
    "Tia",
    "Zara",
    "Aisha",
    "Maryam",
    "Oliwia",
]
NEUTRAL = [
    "Alex",
    "Ashley",
    "Charlie",
    "Frankie",
    "Jamie",
    "Jordan",
    "Kit",
    "Morgan",
    "Quinn",
    "Riley",
    "Robin",
    "Sam",
    "Sky",
]
# Invented surnames: plausible in a northern English borough, chosen not to be common.
SURNAMES = [
    "Ashdown",
    "Barraclough",
    "Birtwistle",
    "Blenkin",
    "Brackley",
    "Brierley",
    "Calvert",
    "Cawthorne",
    "Clegghorn",
    "Crabtree",
    "Dawtrey",
    "Dinsdale",
    "Eastwood",
    "Fearnley",
    "Fothergill",
    "Garside",
    "Gledhill",
    "Greenhalgh",
    "Haigh",
    "Halliwell",
    "Hepworth",
    "Hinchcliffe",
    "Holroyd",
    "Illingworth",
    "Jagger",
    "Kershaw",
    "Lockwood",
    "Marsden",
    "Midgley",
    "Mossop",
    "Nuttall",
    "Ormerod",
    "Pickles",
    "Pilling",
    "Quarmby",
    "Ramsden",
    "Rushworth",
    "Sagar",
    "Scholefield",
    "Shackleton",
    "Sowerby",
    "Spenceley",
    "Stansfield",
    "Sugden",
    "Sutcliffe",
    "Tattersall",
    "Thewlis",
    "Utley",
    "Wadsworth",
    "Whitworth",
    "Wilkinshaw",
    "Womersley",
    "Yeadon",
    "Akhtar",
    "Begum",
    "Hussainy",
    "Kowalczyk",
    "Nowakowski",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Osei",
    "Campbell-Reid",
    "Baptiste",
    "Ferreira",
    "Silva",
    "Popescu",
    "Horvath",
    "Mahmood",
    "Rashid",
    "Kaur",
    "Singh-Bhatt",
    "Chowdry",
    "Nguyen",
    "Lindqvist",
    "Oduya",
    "Kamara",
    "Delacey",
    "Brannigan",
    "Doherty",
]


@dataclass(frozen=True)
class PlacementSite:
    """A place children are placed: its SSDA903 codes, postcode and whether it is in Northmoor."""

    name: str
    group: str
    place: str
    provider: str
    postcode: str
    in_northmoor: bool
    unregulated: bool = False


# The council's own children's home where the demo residential carer works.
DEMO_HOME = "Larkspur House"
# The in-house foster household where the demo foster carer lives.
DEMO_FOSTER_HOME = "In-house foster carers, Eastfield"

PLACEMENT_SITES: tuple[PlacementSite, ...] = (
    PlacementSite(DEMO_HOME, "residential", "K2", "PR1", "ZZ99 1LH", True),
    PlacementSite("Heatherbank Children's Home", "residential", "K2", "PR1", "ZZ99 1HB", True),
    PlacementSite("Moorview Lodge", "residential", "K2", "PR4", "ZZ99 2MV", True),
    PlacementSite("Beck House", "residential", "K2", "PR5", "ZZ99 2BH", True),
    PlacementSite("Pennine Edge Children's Home", "residential", "K2", "PR4", "ZZ99 7PE", False),
    PlacementSite("Harbour View Residential Care", "residential", "R1", "PR4", "ZZ99 7HV", False),
    PlacementSite("Fellside Residential School", "residential", "S1", "PR4", "ZZ99 8FS", False),
    PlacementSite(
        "Greystone Secure Children's Home", "residential", "K1", "PR2", "ZZ99 9GS", False
    ),
    PlacementSite(DEMO_FOSTER_HOME, "foster", "U4", "PR1", "ZZ99 3EF", True),
    PlacementSite("In-house foster carers, Millbrook", "foster", "U6", "PR1", "ZZ99 3MB", True),
    PlacementSite("In-house foster carers, Hollins Park", "foster", "U4", "PR1", "ZZ99 3HP", True),
    PlacementSite("Family and friends carers, Westfield", "foster", "U3", "PR1", "ZZ99 4WF", True),
    PlacementSite("Family and friends carers, Castlegate", "foster", "U1", "PR1", "ZZ99 4CG", True),
    PlacementSite(
        "Brightpath Fostering carers, Riverside", "foster", "U6", "PR4", "ZZ99 4RS", True
    ),
    PlacementSite(
        "Brightpath Fostering carers, Southmoor", "foster", "U4", "PR4", "ZZ99 7BF", False
    ),
    PlacementSite("Kinfolk Fostering carers, Westdale", "foster", "U6", "PR5", "ZZ99 8KF", False),
    PlacementSite(
        "Canal Side Supported Lodgings", "semi_independent", "H5", "PR5", "ZZ99 1CS", True
    ),
    PlacementSite(
        "Station Road Supported Accommodation", "semi_independent", "H5", "PR4", "ZZ99 2SR", True
    ),
    PlacementSite(
        "Southmoor Young People's Hostel", "semi_independent", "H5", "PR4", "ZZ99 7YP", False
    ),
    PlacementSite("Own tenancy, Northmoor", "semi_independent", "P2", "PR1", "ZZ99 5OT", True),
    PlacementSite(
        "Unregistered flat, Northmoor town centre",
        "unregulated",
        "H5",
        "PR4",
        "ZZ99 1UF",
        True,
        unregulated=True,
    ),
    PlacementSite(
        "Holiday let (unregistered), Southmoor",
        "unregulated",
        "Z1",
        "PR4",
        "ZZ99 7HL",
        False,
        unregulated=True,
    ),
    PlacementSite("Placed with parent(s)", "placed_with_parents", "P1", "PR0", "", True),
    PlacementSite("Other arrangement, Northmoor", "other", "Z1", "PR4", "ZZ99 5OA", True),
    PlacementSite(
        "Temporary placement (seven days or less)", "other", "T4", "PR1", "ZZ99 5TP", True
    ),
)

# Named hot spots (invented but plausible) with the weights they are picked with, and a made-up
# position east/north of the fictional town centre in hundredths of a kilometre.
LAST_SEEN_PLACES: dict[str, int] = {
    "Northmoor Bus Station": 16,
    "Market Square": 12,
    "Riverside Gardens": 10,
    "Eastgate Shopping Centre": 10,
    "Castle Park": 8,
    "Railway Station": 7,
    "Millbrook Recreation Ground": 4,
    "Northgate Retail Park": 3,
    "Canal towpath, Wharf Street": 3,
    "Northmoor College": 2,
    "School gates, Hollins Park Academy": 2,
}
STAYED_PLACES: dict[str, int] = {
    "Family address, Eastfield": 12,
    "Private address, Westfield estate": 10,
    "Friend's address, Millbrook": 8,
    "Semi-independent address of another young person": 7,
    "Private address, Southmoor (out of area)": 6,
    "House party at a private address, Castlegate": 4,
    "Riverside Gardens": 3,
    "Castle Park": 3,
    "Hotel, Northmoor ring road": 2,
    "Private address, Westdale (out of area)": 2,
}
FOUND_PLACES: dict[str, int] = {
    "Northmoor Bus Station": 8,
    "Family address, Eastfield": 8,
    "Market Square": 6,
    "Private address, Westfield estate": 6,
    "Railway Station": 5,
    "Eastgate Shopping Centre": 5,
    "Riverside Gardens": 4,
    "Castle Park": 4,
    "Private address, Southmoor (out of area)": 3,
    "Hotel, Northmoor ring road": 1,
}
# The fictional centre of Northmoor (invented coordinates for the hot-spot map).
CENTRE = (53.90000, -2.10000)
PLACE_OFFSETS_KM: dict[str, tuple[float, float]] = {
    "Northmoor Bus Station": (0.2, -0.1),
    "Market Square": (0.0, 0.0),
    "Riverside Gardens": (-0.4, 0.3),
    "Eastgate Shopping Centre": (0.1, 0.5),
    "Castle Park": (0.6, -0.5),
    "Railway Station": (-0.3, -0.6),
    "Millbrook Recreation Ground": (-1.8, 1.2),
    "Northgate Retail Park": (1.9, 0.4),
    "Canal towpath, Wharf Street": (-0.8, -0.2),
    "Northmoor College": (0.9, 0.9),
    "School gates, Hollins Park Academy": (1.5, -1.4),
    "Family address, Eastfield": (0.3, 2.4),
    "Private address, Westfield estate": (0.2, -2.6),
    "Friend's address, Millbrook": (-1.6, 1.0),
    "House party at a private address, Castlegate": (0.8, -0.8),
    "Hotel, Northmoor ring road": (2.2, -1.9),
}

SCHOOLS = (
    "Northmoor Academy",
    "Hollins Park Academy",
    "St Aidan's Catholic High School",
    "Eastfield Community College",
    "Castlegate Primary School",
    "Millbrook Junior School",
    "Westfield Primary Academy",
    "Riverside Pupil Referral Unit",
    "Northgate Church of England Primary School",
    "Moorside Special School",
)
CME_OUTCOMES = (
    "Located: on roll at another Northmoor school",
    "Located: moved to another local authority; details passed to their CME officer",
    "Located: elective home education notified",
    "Located: moved abroad; confirmed by the family",
    "Located: registered at an independent school",
    "Located: in alternative provision",
)
DECLINED_REASONS = (
    "Young person did not want to talk about the episode",
    "Declined; said they had only been at a friend's and were fine",
    "Parent declined on the young person's behalf",
    "Would not engage with the worker; offered again by text, no reply",
    "Said they had already spoken to their key worker about it",
)
VOIDED_REASONS = {
    "moved": "Child moved out of area",
    "eighteen": "Child turned 18",
    "custody": "Child in custody",
    "linked": "Linked to an episode already interviewed",
    "error": "Episode recorded in error",
}
