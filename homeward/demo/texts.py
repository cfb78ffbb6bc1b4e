"""Synthetic free text for the demo: return home interviews, profiles, meetings and plans.

Short invented fragments combined at random, so that no two records read quite alike and
nothing is copied from a real case.
"""

import random

WITH_WHOM = (
    "friends from school",
    "an older male they would only call 'J'",
    "their mum and her partner",
    "a group of young people from the Westfield estate",
    "an older cousin",
    "a girlfriend's family",
    "two other young people from the home",
    "adults they met in town that night",
)
TRAVEL = (
    "On foot; stayed local.",
    "By bus from Northmoor Bus Station.",
    "Given a lift by an adult they would not name.",
    "Taxi, paid for by someone else.",
    "Train to Southmoor and back.",
    "On a bike borrowed from a friend.",
)
HARM = (
    "No harm disclosed.",
    "No harm disclosed.",
    "No harm disclosed.",
    "Said they had been drinking and felt unwell; no injuries seen.",
    "Disclosed being pushed during an argument; a small bruise to the arm was seen.",
    "Said older boys made them carry a bag; would not say what was in it.",
    "Had not eaten for a day and was very tired on return.",
)
WORDS = (
    "I just needed to get out for a bit.",
    "The rules at the home treat me like a little kid.",
    "I was at my mum's. I don't see why that counts as missing.",
    "My phone died so I couldn't ring anyone.",
    "They're my mates, they look out for me.",
    "I didn't want to go back after what happened at lunch.",
    "Nobody listens when I say I want to see my brother.",
    "I know I should have rung. I'll try next time.",
    "It was a party, everyone was going.",
    "I don't want to talk about who I was with.",
    "I get bored in the evenings, there's nothing to do round here.",
    "When I'm there I don't have to think about stuff.",
)
ANALYSIS = (
    "{name}'s episodes cluster around contact arrangements; the pull to family is strong.",
    "Risk is assessed as increasing: the associations with older males and the unexplained "
    "money are indicators of criminal exploitation.",
    "{name} engaged well and was open about where they had been; the risk is mainly from "
    "alcohol and staying out overnight.",
    "The pattern suggests {name} is being drawn to the town centre by peers; no exploitation "
    "indicators were identified this time.",
    "{name} was guarded and gave little detail, which is a change from previous interviews "
    "and a concern in itself.",
    "Placement stability is the main protective factor; the relationship with the key worker "
    "is good and should be built on.",
    "This is {name}'s first episode; it appears linked to a conflict at home that has since "
    "been resolved.",
    "The hotel and unknown addresses indicate a risk of sexual exploitation; a strategy "
    "discussion is needed.",
)
ACTIONS = (
    "Share the address and associates with police through the partnership intelligence form.",
    "Review the safety plan with {name} and their carers within 5 working days.",
    "Refer to the Child Exploitation team for a CRE screening.",
    "Discuss at the daily dynamic meeting tomorrow.",
    "Social worker to visit within 5 working days.",
    "Ask police to consider a Child Abduction Warning Notice for the adult named.",
    "Key worker to agree a curfew and a check-in text with {name}.",
    "Request a missing intervention planning meeting (3 episodes in 30 days).",
    "School to be told of the episode through the designated safeguarding lead.",
    "Offer a referral to the Moorside Youth Project for evening activities.",
)
DESCRIPTIONS = (
    "Slim build, about 5 ft 4 in, dark brown shoulder-length hair, brown eyes.",
    "Medium build, about 5 ft 8 in, short fair hair, freckles, blue eyes.",
    "Stocky build, about 5 ft 6 in, black hair in braids, brown eyes, pierced ears.",
    "Tall and thin, about 5 ft 11 in, short dark hair, small scar above the left eyebrow.",
    "Slight build, about 5 ft 2 in, long red hair usually tied back, green eyes, glasses.",
    "Medium build, about 5 ft 7 in, shaved head, brown eyes, tattoo of a star on the right hand.",
)
VULNERABILITIES = (
    "Associates with older males in the town centre; suspected cannabis use.",
    "ADHD; impulsive when upset; history of self-harm when in crisis.",
    "Known to older adults linked to drug supply; has been found with unexplained cash.",
    "Low mood since moving placement; has talked about wanting to be with their mother.",
    "Has been found at a hotel with an unknown adult; at risk of sexual exploitation.",
    "Learning difficulty; easily led by peers; does not always understand risk.",
)
MEDICAL = (
    "None known.",
    "Asthma (carries an inhaler).",
    "Type 1 diabetes (insulin).",
    "None known.",
)
TRANSPORT = (
    "Uses buses; has a bus pass.",
    "Walks; known to accept lifts.",
    "Uses taxis paid for by others.",
    "Cycles.",
)
FINANCES = (
    "Weekly allowance from the placement.",
    "Has had unexplained new clothes and phones.",
    "Part-time job at a café at weekends.",
    "No money of their own; has been seen asking others for cash.",
)
SOCIAL_MEDIA = (
    "Snapchat and TikTok (account names on the case file).",
    "Instagram; messages older contacts late at night.",
    "Snapchat only; changes account names often.",
)
DECISIONS = (
    "Risk reviewed as medium; safety plan to be updated and shared with the placement.",
    "Agreed police will visit the addresses named and record intelligence.",
    "Agreed a disruption plan targeting the adults identified; review in four weeks.",
    "Education to arrange a reduced timetable with mentoring; review in six weeks.",
    "Referral to the exploitation panel agreed; social worker to complete the screening tool.",
)
OWNERS = (
    "Missing co-ordinator",
    "Social worker",
    "Police missing person co-ordinator",
    "Residential home manager",
    "School designated safeguarding lead",
    "Youth worker",
)
SAFETY = (
    "{name} agrees to text their carer by 9pm when out; carers will ring if not home by 10pm. "
    "Trusted adults: key worker, older sister. Places to avoid: the bus station after dark.",
    "{name} will keep their phone charged and on; a taxi home will always be paid for if "
    "they ring. Triggers: contact cancelled, arguments about curfew.",
    "{name} and carers agreed a weekly activity (boxing club) and a check-in each evening; "
    "the plan is reviewed after every episode.",
)
DISRUPTION = (
    "Police to visit the Westfield estate address; Child Abduction Warning Notices considered "
    "for two adults. Licensing to be told about the hotel on the ring road.",
    "Partnership intelligence submitted on the vehicle seen collecting young people at Market "
    "Square; community safety team to increase patrols on Friday evenings.",
)


def pick(rng: random.Random, options: tuple[str, ...], name: str = "") -> str:
    return rng.choice(options).format(name=name)


def several(
    rng: random.Random, options: tuple[str, ...], low: int, high: int, name: str = ""
) -> str:
    chosen = rng.sample(options, rng.randint(low, high))
    return "\n".join(f"- {text.format(name=name)}" for text in chosen)
