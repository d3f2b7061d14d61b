"""Word lists the report pipeline reads clauses with, written as running text."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A vocabulary written as running text, one word per entry."""
    return frozenset(text.split())


# Verbs whose place is somewhere the subject went (lemmas).
VISIT_VERBS = words(
    """arrive visit tour fly land reach stay inspect attend meet travel go come return leave depart drive
    ride walk roll sail stop spend pray celebrate address greet welcome receive enter cross board
    transfer climb descend camp pitch sleep trek hike cycle pass touch rally campaign perform play open
    unveil lay worship preside tour see watch stroll wander explore check lunch dine breakfast join
    appear kick begin wrap end conclude continue head move make hold give deliver lead host speak sign
    drop call wave take reside lodge overnight set"""
)
# Event nouns that are spans of time: "a big day to Ordway", "two nights in Lhasa".
TIME_NOUNS = words("""day days night nights week weeks morning afternoon evening""")
# Verbs that only make a visit with an event noun ("held talks in", "gave a speech at", "made a visit to").
LIGHT_VERBS = words(
    """make hold give deliver lead host speak sign take have pay kick begin wrap end continue head set"""
)
# Verbs that never make a visit, even with an event noun: saying, planning, cancelling.
NOT_VISIT_VERBS = words(
    """plan cancel postpone schedule expect hope want propose intend recall mention promise threaten look
    await"""
)
# Verbs of saying: the speaker was where they spoke ("told the congregation at ..."), never where they spoke of.
SPEECH_VERBS = words("""say tell announce discuss urge praise condemn warn speak address thank""")
EVENT_NOUNS = words(
    """visit trip tour stop stay rally mass service ceremony meeting talks talk summit gig show concert
    match session reception prayer speech event appearance engagement assembly parade dinner lunch
    breakfast arrival departure farewell welcome debut camp conference briefing hall vigil pilgrimage
    journey leg stopover tea audience homily performance celebration festival training game fixture
    walkabout tribute dialogue audience inspection sermon address interview gathering day days night nights week weeks
    opening reopening inauguration unveiling launch funeral wedding commemoration graduation premiere"""
)
# Nouns whose modifiers are sites, not topics: "a school in Nassau" is where the school is.
SITE_NOUNS = words(
    """airport airfield airbase base cathedral church basilica chapel palace castle library hospital school
    university college stadium arena museum hotel square temple mosque monastery gompa parliament house
    hall centre center campus bookstore bookshop shop store market park garden gardens station home
    nunciature embassy memorial monument cemetery bridge port harbour harbor factory plant club theatre
    theater camp village town city capital headquarters shrine abbey fort tower zoo aquarium cosmodrome
    spaceport frigate warship ship vessel cruiser citadel pagoda fortress mausoleum synagogue gallery lighthouse"""
)
LOCATIVE = words(
    """in at to into from near outside inside through via across toward towards onto around on within off"""
)
FUTURE_AUX = words("""will would shall may might could should must wo 'll ca can""")
PLAN_WORDS = words(
    """schedule expect plan hope intend want set due aim seek prepare go try wish like need propose slate
    poise likely ready planned"""
)
# Their inflected forms too: the small model's lemmatizer reads "hoped" as "hop".
PLAN_FORMS = frozenset(
    form
    for word in PLAN_WORDS
    for form in (word, word + "s", word + "d", word + "ed", word + "ing", word.removesuffix("e") + "ing")
)
PLAN_ADJECTIVES = words("""planned upcoming scheduled expected proposed possible future next forthcoming""")
# People met where they gather: "told the congregation at Philadelphia's Church of Christian Compassion".
AUDIENCE_NOUNS = words("""congregation crowd audience faithful worshippers supporters pupils students""")
# "the Duke of Cambridge", "the Prince of Wales", "the mayor of Belfast": a title, not a place visited.
TITLE_NOUNS = words(
    """duke duchess prince princess king queen earl countess lord lady mayor governor bishop archbishop
    president minister premier chancellor emir sheikh sultan crown ambassador envoy consul cardinal
    patriarch marquess"""
)
PRONOUNS = words("""he she they we i it his her their our my its you""")
# Words that introduce members of a list the clause already tells ("including", "like").
# Verbs whose "to" is not a destination: "lost to Liverpool", "pointed to Kyiv", "wrote to Ottawa".
NOT_MOTION_VERBS = words(
    """lose fall point turn refer appeal listen reply write talk belong respond react contribute sell export
    apologise apologize matter compare liken add amount rise"""
)
# Verbs of a life, not of a trip: "grew up in Scranton", "studied in Montreal", "lives in Delaware".
LIFE_VERBS = words("""grow study live work serve raise bear die marry retire graduate teach settle own""")
# Prepositions of where something was done.
AT = words("""in at""")
# Prepositions of a destination: with the traveller's own verb, a movement.
DIRECTIONS = words("""to into onto""")
LIST_WORDS = words("""include including like""")
# Nouns of a place's parts or surroundings: "in front of", "the outskirts of", "the heart of", "the steps of".
RELATION_NOUNS = words(
    """front top foot edge heart centre center middle outskirts side steps gates grounds doorstep shore
    shores bank banks suburbs vicinity base rim"""
)
# What carries the traveller: "Air Force One pulled to a halt at ...", "the plane landed in Hanoi" tell the
# traveller's movement with the vehicle as the subject.
VEHICLE_NOUNS = words(
    """plane jet aircraft airliner helicopter chopper motorcade convoy cavalcade motorcycle train ship vessel
    boat yacht ferry bus coach car popemobile"""
)
# Entity types that are never the traveller: times ("Saturday saw the group get onto the turf"). (A place is kept out
# by being somewhere the text goes: "Kathmandu holds the title" after "landed in Kathmandu".)
NOT_TRAVELLER_ENTITIES = words("""DATE TIME""")
# Verbs of arriving, which a dateline places when the clause does not ("touched down just after 4pm").
ARRIVAL_VERBS = words("""arrive land touch""")
# A habit, not an event: "Traditionally, the King spends a week each year at ...", "she usually stays in ...".
HABIT_ADVERBS = words(
    """traditionally usually normally often always regularly annually customarily typically generally"""
)
# Verbs that tell an event happening: its place is where it happened ("the meeting in Singapore began with a
# hug", "talks took place at the palace"), unlike "his visit to Washington has delivered a surprise".
OCCURRENCE_VERBS = words("""begin commence start open end close conclude continue happen occur take""")
# Nouns of an area, not a town: "the Langtang region", "Kaduna State", "the Kathmandu valley".
AREA_NOUNS = words("""region district province county state prefecture oblast governorate valley territory""")
# Verbs whose object is the one who travels: "Lamsal welcomed Kamikawa", "Hanoi received Biden".
RECEIVING_VERBS = words("""welcome receive greet host""")
# Verbs that carry the traveller somewhere: "brought us to Lewes", "the train took them to Brig".
CARRYING_VERBS = words("""bring take carry lead get ferry whisk drive fly transport""")
# Nouns that name a stop of the journey: "his final stop was Edinburgh", "the next destination was Hue".
STOP_NOUNS = words("""stop destination stopover venue port call leg""")
# Who travels together, told as a group: "the squad trained in Perth", "the delegation toured the port".
GROUP_NOUNS = words(
    """team squad delegation group party couple band entourage crew expedition contingent pair trio side
    tourists travellers pilgrims riders walkers"""
)
# Verbs of getting on what carries the traveller ("caught the train to ...", not "booked a flight to ...").
BOARDING_VERBS = words("""catch take board ride hop jump get""")
