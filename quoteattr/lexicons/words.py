#: Honorifics that say nothing about a role: not kept as a title.
_COURTESY = frozenset("mr mrs ms miss mx mme mlle dr sir dame hon rt hon lord lady m".split())


_FEMALE = frozenset(
    """mrs ms miss mme mlle madam madame dame lady sister queen princess duchess countess baroness
    empress sheikha congresswoman assemblywoman councilwoman chairwoman spokeswoman businesswoman
    policewoman stateswoman anchorwoman sportswoman wife mother daughter widow aunt niece grandmother
    granddaughter fiancee girlfriend actress nun woman girl""".split()
)


_MALE = frozenset(
    """mr sir lord king prince duke earl baron emperor sheikh father fr congressman assemblyman
    councilman spokesman businessman policeman statesman anchorman sportsman husband son brother
    widower uncle nephew grandfather grandson fiance boyfriend monk man boy""".split()
)


#: Particles that may start or sit inside a name: de Gaulle, van der Leyen, bin Salman.
_PARTICLES = frozenset(
    "de del della di da dos das du van von der den la le al el bin ibn bint ben abu ter ten zu y".split()
)


#: Name suffixes ignored when matching names.
_SUFFIXES = frozenset("jr sr ii iii iv".split())


#: Words left out of an organisation's initials.
_MINOR = frozenset("of the and for on in at to a an & de la du des der".split())


_DETERMINERS = frozenset(("the", "a", "an"))


_DEFINITE = frozenset(("the", "this", "that"))


#: Nouns that name an organisation ("the company", "the ministry").
_ORG_NOUNS = frozenset(
    """company firm agency ministry organisation organization group corporation conglomerate bank
    institute body watchdog regulator broadcaster network newspaper paper outlet carmaker automaker
    airline manufacturer maker retailer insurer lender union association council commission committee
    department office court university foundation fund board party charity coalition alliance
    movement authority service embassy federation club team league studio publisher startup""".split()
)


#: Nouns that name a place ("the country").
_GPE_NOUNS = frozenset("country nation state kingdom republic city capital island emirate province".split())


#: Plural nouns for groups of people, beyond the role nouns of the lexicon.
_PERSON_GROUP_NOUNS = frozenset(
    """man woman leader official people person men women minister president diplomat politician
    lawmaker senator executive lawyer brother sister candidate rival counterpart envoy negotiator
    general commander chief head premier""".split()
)


_ANY_GROUP_NOUNS = frozenset(("side",))


_PAIRS = {"pair": 2, "duo": 2, "couple": 2, "trio": 3, "quartet": 4}


_NUMBERS = {
    w: n for n, w in enumerate("zero one two three four five six seven eight nine ten".split()) if n >= 2
}


#: Abbreviated honorifics that only stand before a person's name ("Sen. Warren", "Gen. Milley").
_RANKS = frozenset(("Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Adm", "Cmdr", "Prof"))


#: Roles that describe a relation, not a title that makes a person of a place ("NATO member Turkey").
_RELATION_ROLES = frozenset(
    "member partner host ally neighbor neighbour owner founder donor investor supporter rival".split()
)


_PRONOUN_KIND = {
    **dict.fromkeys(("he", "him", "his", "himself"), "m"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "f"),
    **dict.fromkeys(("it", "its", "itself"), "it"),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), "they"),
}


#: Pronouns that are never resolved here (the speaker of a quotation, the reader).
_UNRESOLVED = frozenset("i me my mine myself we us our ours ourselves you your yours yourself".split())


_SUBJECTS = frozenset(("nsubj", "nsubjpass"))


_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "FAC": "ORG"}


#: Capitalised words before a name that are not given names ("Democrat Hillary Clinton").
_AFFILIATIONS = frozenset(
    "democrat democratic republican conservative liberal socialist tory labour independent rival".split()
)


#: Verbs that report what an outlet carries, for a frame's cue ("KCNA reported …").
REPORT_LEMMAS = frozenset(
    ("report", "say", "quote", "carry", "publish", "broadcast", "air", "cite", "write", "according to")
)


#: Media nouns that name an outlet the lexicon does not list when a state or national word
#: goes with them: "state television", "Ukrainian radio", "Israel's Channel 12".
UNLISTED_MEDIA = frozenset(
    ("television", "tv", "radio", "broadcaster", "media", "agency", "channel", "daily")
)


#: Outlet types whose reports carry whole stories, so that their frames reach past their paragraph.
STORY_TYPES = frozenset(("agency", "state_agency", "state_broadcaster", "state_newspaper"))


STATE_WORDS = frozenset(("state", "official", "national", "public", "government", "state-run", "state-owned"))


#: Verbs whose object is who was told: "told Reuters", "assured the BBC".
TELL_VERBS = frozenset(("tell", "inform", "assure", "brief", "email", "e-mail", "text", "message", "write"))


#: Verbs and nouns through which a statement is given to an outlet: "speaking to CNN",
#: "in an interview with the BBC", "in comments to Xinhua", "gave an interview to AFP".
SPEAK_VERBS = frozenset(
    """speak talk tell say explain confirm reveal describe admit insist give grant write comment
    add acknowledge announce deny complain warn claim stress note argue disclose""".split()
)


CHANNEL_NOUNS = frozenset(
    """interview comment comments remark remarks statement conversation letter message email e-mail
    call op-ed oped article column piece podcast appearance broadcast report documentary
    program programme show editorial essay post dispatch""".split()
)


#: Participles that carry a statement on an outlet's behalf: "in a statement carried by IRNA",
#: "was quoted by Interfax as saying".
CARRY_VERBS = frozenset(
    """carry publish quote cite broadcast air release report post run obtain see distribute
    circulate issue televise translate""".split()
)


#: Verbs whose subject quotes someone: "Yonhap quoted an official as saying".
QUOTE_VERBS = frozenset(("quote", "cite"))


#: Verbs of appearing on or writing in an outlet: "said on CNN", "wrote in The Washington Post".
APPEAR_VERBS = frozenset(("appear", "speak", "say", "write", "tell", "post", "comment", "talk", "argue"))


#: Nouns too common in news to say two sentences are about the same thing.
GENERIC_NOUNS = frozenset(
    """time times year years day days week weeks month months people thing things way part number lot
    today statement report reports comment comments remark remarks interview news media agency
    official officials country countries state states government side sides issue issues matter
    situation end point percent""".split()
)


#: Nouns that name a news organization or its output when they stand next to an outlet's
#: name: "state news agency KCNA", "the Reuters news agency", "Time magazine".
MEDIA_NOUNS = frozenset(
    """media agency agencies broadcaster television tv radio newspaper paper daily weekly magazine
    outlet network channel station website site wire service tabloid newswire news""".split()
)
