//! Synthetic news texts, written for these tests: one wire story as three outlets carried
//! it (other headlines and bylines, a trimmed ending, an extra local paragraph, a dropped
//! paragraph, American spellings, typographic quotes, an editor's line), and two other
//! stories on the same topic and day.

/// The wire agency's original.
pub const WIRE: &str = "\
KHARKIV, March 1 (Wire) - Russian drones struck an energy facility in Kharkiv early on Friday, \
cutting power to about 200,000 homes as temperatures fell below freezing, the regional governor said.

Governor Oleh Syniehubov said on Telegram that three people were injured when debris fell on a \
residential building near the plant, and that repair crews were waiting for the all clear before \
starting work.

Ukraine's air force said it had shot down 31 of the 38 drones launched overnight, mostly over the \
Kharkiv and Poltava regions, along with two of the four cruise missiles fired from the Belgorod region.

Russia's defence ministry said its forces had carried out a \"massive strike\" on facilities supplying \
the Ukrainian military, and did not mention civilian infrastructure.

The attack was the third on Kharkiv's power grid in a fortnight. The national grid operator \
Ukrenergo said emergency outages would be applied in the region for at least two days while \
engineers assessed the damage.

President Volodymyr Zelenskiy renewed his appeal to Western partners for more air defence systems, \
saying Ukraine needed at least seven more Patriot batteries to protect its cities and energy network.

Peace talks brokered by Turkey have made little progress since January, when negotiators failed to \
agree on an exchange of prisoners and on the security of shipping in the Black Sea.

Moscow has repeatedly denied targeting civilians in the war, which it calls a special military \
operation.";

/// A British daily: its own headline and byline, light edits, typographic quotes, the
/// last two paragraphs cut and a paragraph of its own added.
pub const DAILY: &str = "\
Kharkiv plunged into darkness after overnight drone attack

By our foreign desk, with agencies

Russian drones struck an energy facility in Kharkiv early on Friday, cutting power to some 200,000 \
homes as temperatures fell below freezing, the regional governor said.

Governor Oleh Syniehubov said on Telegram that three people were injured when debris fell on a \
residential building near the plant, and that repair crews were waiting for the all-clear before \
starting work.

Ukraine’s air force said it had shot down 31 of the 38 drones launched overnight, mostly over the \
Kharkiv and Poltava regions, along with two of the four cruise missiles fired from the Belgorod region.

Russia’s defence ministry said its forces had carried out a “massive strike” on facilities supplying \
the Ukrainian military, and did not mention civilian infrastructure.

The attack was the third on Kharkiv’s power grid in a fortnight. The national grid operator \
Ukrenergo said emergency outages would be applied in the region for at least two days while \
engineers assessed the damage.

President Volodymyr Zelenskiy renewed his appeal to Western partners for more air defence systems, \
saying Ukraine needed at least seven more Patriot batteries to protect its cities and energy network.

Our correspondent in Kyiv reports that queues formed at petrol stations across the region on Friday \
morning as shops and offices switched to diesel generators.";

/// An American site: another headline, a dateline of its own, American spellings, the
/// air force paragraph dropped, a paragraph split in two, and an editor's line.
pub const SITE: &str = "\
Russia hits Kharkiv power plant with drones, 200,000 homes without electricity

KHARKIV, Ukraine (Wire) — Russian drones struck an energy facility in Kharkiv early on Friday, \
cutting power to about 200,000 homes as temperatures fell below freezing, the regional governor said.

Governor Oleh Syniehubov said on Telegram that three people were injured when debris fell on a \
residential building near the plant, and that repair crews were waiting for the all clear before \
starting work.

Russia's defense ministry said its forces had carried out a \"massive strike\" on facilities supplying \
the Ukrainian military, and did not mention civilian infrastructure.

The attack was the third on Kharkiv's power grid in a fortnight.

The national grid operator Ukrenergo said emergency outages would be applied in the region for at \
least two days while engineers assessed the damage.

President Volodymyr Zelenskiy renewed his appeal to Western partners for more air defense systems, \
saying Ukraine needed at least seven more Patriot batteries to protect its cities and energy network.

Peace talks brokered by Turkey have made little progress since January, when negotiators failed to \
agree on an exchange of prisoners and on the security of shipping in the Black Sea.

Moscow has repeatedly denied targeting civilians in the war, which it calls a special military \
operation.

(Reporting by the Wire's Kharkiv bureau; editing by the Europe desk)";

/// Another story on the same day and topic, by the same agency: a strike on Odesa's
/// port, sharing the war's stock phrases and names.
pub const ODESA: &str = "\
ODESA, March 1 (Wire) - Russian drones hit grain silos and a fuel depot in the port of Odesa \
overnight, injuring two dock workers and starting a fire that burned until dawn, officials said on \
Friday.

Regional governor Oleh Kiper said firefighters had contained the blaze by morning and that the port \
was operating, although one berth would remain closed while divers inspected the quay.

Ukraine's air force said it had shot down most of the drones launched overnight over the south of \
the country, and that several had been jammed by electronic warfare units near the coast.

The Black Sea port is the main outlet for Ukrainian grain exports, which have recovered since the \
navy pushed Russian warships away from the western part of the sea last year.

Insurers said war-risk premiums for ships calling at Odesa had risen again this week, and two \
shipping lines said they would review their schedules.

President Volodymyr Zelenskiy said Russia was trying to cut Ukraine off from world markets and \
called for more air defence systems for the southern regions.";

/// Another story on the same day and topic: Kyiv's diplomatic protest.
pub const PROTEST: &str = "\
KYIV, March 1 (Wire) - Ukraine's foreign ministry summoned Russia's charge d'affaires on Friday to \
protest against what it called deliberate attacks on energy infrastructure during winter.

Foreign Minister Dmytro Kuleba said the strikes on Kharkiv and Odesa were war crimes and that Kyiv \
would present evidence to the International Criminal Court and to the United Nations.

The ministry said the diplomat had refused to accept a note of protest. Russia has had no ambassador \
in Kyiv since the start of the full-scale invasion in February 2022.

Kuleba also urged partners to speed up deliveries of air defence systems promised last year, and \
said he would raise the attacks at a meeting of European foreign ministers on Monday.";

/// The evidence sentences of the strike, as each outlet printed them.
pub const WIRE_SENTENCE: &str = "Russian drones struck an energy facility in Kharkiv early on Friday, \
cutting power to about 200,000 homes as temperatures fell below freezing, the regional governor said.";
pub const DAILY_SENTENCE: &str = "Russian drones struck an energy facility in Kharkiv early on Friday, \
cutting power to some 200,000 homes as temperatures fell below freezing, the regional governor said.";
pub const SITE_SENTENCE: &str = "KHARKIV, Ukraine (Wire) — Russian drones struck an energy facility in \
Kharkiv early on Friday, cutting power to about 200,000 homes as temperatures fell below freezing, the \
regional governor said.";
pub const ODESA_SENTENCE: &str = "Russian drones hit grain silos and a fuel depot in the port of Odesa \
overnight, injuring two dock workers and starting a fire that burned until dawn, officials said on Friday.";
pub const PROTEST_SENTENCE: &str = "Ukraine's foreign ministry summoned Russia's charge d'affaires on \
Friday to protest against what it called deliberate attacks on energy infrastructure during winter.";
