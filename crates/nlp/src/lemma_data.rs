//! Word lists for the lemmatiser, written for this crate.
//!
//! Each table is plain text, one entry per line or per word, parsed once into the
//! lexicon when first used. Lists are lower case ASCII.

/// Irregular verbs: `base past participle`, alternatives separated by `/`. When a form
/// belongs to two verbs the first line wins (`lay` is the base `lay`, not the past of
/// `lie`), so order matters. Forms that are mostly nouns or adjectives in news are left
/// out on purpose (`ground`, `wound`, `saw` as `see` is kept).
pub(crate) const IRREGULAR_VERBS: &str = "
be was/were been
have had had
do did done
go went gone
say said said
make made made
take took taken
come came come
see saw seen
know knew known
get got got/gotten
give gave given
find found found
think thought thought
tell told told
become became become
leave left left
feel felt felt
bring brought brought
begin began begun
keep kept kept
hold held held
write wrote written
stand stood stood
hear heard heard
let let let
mean meant meant
set set set
meet met met
run ran run
pay paid paid
sit sat sat
speak spoke spoken
lay laid laid
lie lay lain
lead led led
read read read
grow grew grown
lose lost lost
fall fell fallen
send sent sent
build built built
understand understood understood
draw drew drawn
break broke broken
spend spent spent
cut cut cut
rise rose risen
drive drove driven
buy bought bought
wear wore worn
choose chose chosen
seek sought sought
throw threw thrown
catch caught caught
deal dealt dealt
win won won
forget forgot forgotten
shake shook shaken
hang hung/hanged hung/hanged
strike struck struck/stricken
ride rode ridden
sell sold sold
fight fought fought
teach taught taught
shoot shot shot
flee fled fled
fly flew flown
hit hit hit
hurt hurt hurt
cost cost cost
put put put
shut shut shut
quit quit quit
spread spread spread
split split split
burst burst burst
cast cast cast
bet bet bet
bid bid/bade bid/bidden
rid rid rid
thrust thrust thrust
upset upset upset
withdraw withdrew withdrawn
withhold withheld withheld
withstand withstood withstood
overcome overcame overcome
overtake overtook overtaken
overthrow overthrew overthrown
oversee oversaw overseen
override overrode overridden
overrun overran overrun
undergo underwent undergone
undertake undertook undertaken
underwrite underwrote underwritten
uphold upheld upheld
mislead misled misled
mistake mistook mistaken
misunderstand misunderstood misunderstood
forbid forbade/forbad forbidden
forecast forecast forecast
foresee foresaw foreseen
foretell foretold foretold
forgive forgave forgiven
forsake forsook forsaken
forgo forwent forgone
forego forewent foregone
broadcast broadcast broadcast
telecast telecast telecast
offset offset offset
input input input
arise arose arisen
awake awoke awoken
wake woke woken
bear bore borne/born
beat beat beaten
befall befell befallen
behold beheld beheld
bend bent bent
beset beset beset
bind bound bound
bite bit bitten
bleed bled bled
blow blew blown
breed bred bred
burn burnt burnt
cling clung clung
creep crept crept
dig dug dug
dive dove dived
dream dreamt dreamt
drink drank drunk
dwell dwelt dwelt
eat ate eaten
feed fed fed
fling flung flung
freeze froze frozen
grind ground ground
hide hid hidden
kneel knelt knelt
lean leant leant
leap leapt leapt
learn learnt learnt
lend lent lent
light lit lit
prove proved proven
ring rang rung
sew sewed sewn
shed shed shed
shine shone shone
show showed shown
shrink shrank/shrunk shrunk/shrunken
sing sang sung
sink sank sunk
slay slew slain
sleep slept slept
slide slid slid
sling slung slung
slit slit slit
smell smelt smelt
speed sped sped
spell spelt spelt
spill spilt spilt
spin spun spun
spit spat spat
spoil spoilt spoilt
spring sprang sprung
steal stole stolen
stick stuck stuck
sting stung stung
stink stank stunk
stride strode stridden
string strung strung
strive strove striven
swear swore sworn
sweep swept swept
swell swelled swollen
swim swam swum
swing swung swung
tear tore torn
tread trod trodden
weave wove woven
wed wed wed
weep wept wept
wring wrung wrung
plead pled pled
sneak snuck snuck
strew strewed strewn
mow mowed mown
hew hewed hewn
abide abode abode
beseech besought besought
partake partook partaken
mislay mislaid mislaid
waylay waylaid waylaid
unwind unwound unwound
overpay overpaid overpaid
overshoot overshot overshot
overspend overspent overspent
outrun outran outrun
outbid outbid outbid
outdo outdid outdone
overdo overdid overdone
overhear overheard overheard
overfly overflew overflown
remake remade remade
repay repaid repaid
reset reset reset
rerun reran rerun
rethink rethought rethought
rebuild rebuilt rebuilt
recast recast recast
redo redid redone
undo undid undone
rewrite rewrote rewritten
retake retook retaken
retell retold retold
resell resold resold
misread misread misread
underlie underlay underlain
bust bust bust
";

/// Other irregular forms: `form lemma`. Third persons, participles in `-ing` that the
/// rules cannot undo, contraction pieces left by the tokeniser (`ca` of `can't`).
pub(crate) const IRREGULAR_FORMS: &str = "
is be
are be
am be
'm be
're be
's be
has have
'd would
've have
'll will
does do
goes go
dying die
lying lie
tying tie
vying vie
n't not
ca can
wo will
sha shall
ai be
";

/// Irregular noun plurals: `plural singular`. Plurals whose regular reading is also a
/// verb form (`lives`, `leaves`) are left to the rules: the verb reading wins.
pub(crate) const IRREGULAR_NOUNS: &str = "
men man
women woman
children child
feet foot
teeth tooth
mice mouse
geese goose
oxen ox
lice louse
knives knife
wives wife
housewives housewife
midwives midwife
thieves thief
wolves wolf
halves half
selves self
shelves shelf
calves calf
loaves loaf
scarves scarf
wharves wharf
hooves hoof
dwarves dwarf
crises crisis
theses thesis
hypotheses hypothesis
analyses analysis
diagnoses diagnosis
prognoses prognosis
synopses synopsis
parentheses parenthesis
oases oasis
emphases emphasis
criteria criterion
phenomena phenomenon
indices index
appendices appendix
matrices matrix
vertices vertex
fungi fungus
nuclei nucleus
stimuli stimulus
alumni alumnus
cacti cactus
radii radius
memoranda memorandum
curricula curriculum
strata stratum
bacteria bacterium
";

/// Words the rules would change but that are their own lemma.
pub(crate) const INVARIANT: &str = "
news series species means politics economics physics ethics mathematics statistics
always perhaps whereas towards afterwards besides sometimes overseas nowadays indoors
outdoors upstairs downstairs headquarters whereabouts lens alas atlas bias canvas chaos
ethos cosmos kudos pathos corps diabetes measles mumps rabies herpes innings barracks
crossroads gallows aircraft spacecraft hovercraft people police sheep deer fish
its this his hers ours yours theirs yes plus thus minus versus bonus various
hundred sacred naked wicked kindred rugged ragged crooked wretched jagged bed red coed
infrared embed seabed need feed heed bleed breed speed seed weed reed deed greed creed
steed tweed exceed proceed succeed indeed
thing during evening morning nothing something anything everything ceiling king ring
wing spring string sting swing sling cling fling bring sing ping ding darling sterling
duckling inkling sibling seedling yearling hireling starling sapling earring herring
pudding wedding viking lightning awning offspring pending notwithstanding
ground wound rebound outspoken bit
themselves ourselves yourselves itself himself herself myself yourself oneself
ongoing upcoming incoming outgoing outstanding longstanding forthcoming oncoming hardworking
boeing wikinews
data media agenda
";

/// Base forms ending in `e` that the rules for `-ed` and `-ing` cannot see from the
/// stem (`completed` -> `complete`, but `targeted` -> `target`).
pub(crate) const E_BASES: &str = "
create recreate procreate delineate permeate nauseate
compete complete delete deplete excrete secrete concrete
unite reunite ignite invite excite recite incite expedite extradite requite underwrite
promote demote devote denote emote connote quote misquote
escape reshape landscape elope
welcome overcome inflame defame nickname
condone atone postpone intone dethrone enthrone telephone
exhale inhale regale impale
intervene convene contravene
ignore restore explore deplore implore adore underscore outscore
interfere adhere persevere revere cohere
taste waste paste haste baste distaste
ache cache niche headache
guide misguide disguise
owe eye dye hoe toe shoe canoe tiptoe
change exchange interchange shortchange arrange rearrange range derange estrange
avenge revenge challenge scavenge lunge plunge expunge sponge
hinge cringe impinge infringe binge twinge fringe tinge syringe whinge
rue glue sue cue
";

/// Base forms that do not take the `e` the rules would add, or that keep a doubled
/// final consonant: `focused` -> `focus`, `added` -> `add`, `combated` -> `combat`.
pub(crate) const PLAIN_BASES: &str = "
focus bias alias canvas gas bus nonplus plus chorus census caucus atlas
combat pilot pivot ballot riot revel
imperil pencil stencil cavil council
mouth froth smooth unearth berth
sync zinc arc disc
panic traffic mimic frolic picnic politic bivouac
ring wing ping ding string king
add egg err ebb inn odd boycott butt purr
";

/// British `-ll-` verbs: `travelled` -> `travel`, `controlled` -> `control`. Matched as
/// a suffix of the stem with one `l` removed, so `refuelled` -> `refuel`.
pub(crate) const L_DOUBLING: &str = "
travel cancel label model fuel signal channel level total counsel quarrel marshal equal
dial duel tunnel shovel rival libel marvel parcel pencil ravel revel grovel barrel funnel
control patrol compel expel propel rebel repel dispel excel impel instil enrol fulfil
distil appal annul extol initial pedal panel chisel towel swivel bevel yodel jewel spiral
stencil pummel imperil medal enamel snorkel cudgel gravel kennel trammel victual
";

/// Singulars in `-ie` whose plurals must not become `-y`: `movies` -> `movie`.
pub(crate) const IE_NOUNS: &str = "
movie cookie sortie zombie rookie calorie prairie goalie selfie hippie genie pixie
auntie brownie smoothie freebie newbie lingerie boogie veggie birdie bogie talkie walkie
specie tie lie die pie vie
";

/// Singulars in `-oe` (`foes` -> `foe`; other `-oes` lose `-es`: `vetoes` -> `veto`).
pub(crate) const OE_NOUNS: &str = "
shoe toe foe canoe hoe oboe floe throe woe aloe tiptoe sloe roe doe horseshoe mistletoe
";

/// Singulars in `-che` (`niches` -> `niche`; other `-ches` lose `-es`).
pub(crate) const CHE_NOUNS: &str = "
ache cache niche headache moustache mustache avalanche cliche creche quiche psyche
";

/// Singulars in `-s` whose plural adds `-es`: `buses` -> `bus`, `biases` -> `bias`.
pub(crate) const S_NOUNS: &str = "
bus virus bonus focus census campus consensus status surplus caucus chorus circus
apparatus prospectus nexus onus sinus genus corpus stimulus octopus fungus thesaurus
walrus cactus syllabus abacus hiatus impetus lotus exodus minibus omnibus plus
gas bias alias atlas canvas iris
";
