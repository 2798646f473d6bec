//! Freedonia, Sylvania, Ruritania and Grand Fenwick: a world of invented actors.

use crate::support::{World, check};
use faultline_coding::{Coder, DictionaryBuilder, DictionarySource};
use std::sync::OnceLock;

pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        World::parse(
            "
            Freedonia = FRE
            Freedonian = FRE demonym
            Freedonians = FRE demonym
            Fredville = FREGOV metonym
            President Rufus Firefly = FREGOV person
            Mr Firefly = FREGOV person
            Freedonian army = FREMIL
            Freedonian police = FRECOP
            Sylvania = SYL
            Sylvanian = SYL demonym
            Sylvanians = SYL demonym
            Sylvan City = SYLGOV metonym
            Ambassador Trentino = SYLGOV person
            Sylvanian Defence Ministry = SYLMIL role
            Sylvanian rebels = SYLREB
            Ruritania = RUR
            Ruritanian = RUR demonym
            Foreign Minister Rudolf Rassendyll = RURGOV person
            Mr Rassendyll = RURGOV person
            Strelsau = RURGOV metonym
            Grand Fenwick = GFK
            Concord of Nations = IGOCON
            Freedonia Gazette = FREMED media
            Sylvanian Broadcasting = SYLMED media
            Ruritania Herald = RURMED media
            Ruritanian Foreign Minister Rudolf Rassendyll = RURGOV person
            Prime Minister Tully Bascomb = GFKGOV person
            Ms Bascomb = GFKGOV person
            Grand Fenwick's leadership = GFKGOV role
            Grand Fenwick's Defence Ministry = GFKMIL role
            Fenwick Castle = GFKGOV metonym
            Fenwickian = GFK demonym
            the democratic island = SYL role
            ",
        )
    })
}

pub fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::builtin().expect("built-in dictionaries load"))
}

/// A coder with invented verbs only: the fictional world's own dictionary.
fn invented() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| {
        let verbs = "
            &gift = trinket, trinkets, bauble
            190  v  zorble +
            073  v  florp ... &gift
            046  v  parley @recip
        ";
        let dictionaries = DictionaryBuilder::new()
            .builtin_verbs(false)
            .verbs(DictionarySource::new("test/invented.txt", verbs))
            .build()
            .expect("invented verbs load");
        Coder::new(dictionaries)
    })
}

fn c(sentence: &str, expected: &[&str]) {
    check(coder(), world(), sentence, expected);
}

#[test]
fn invented_verbs_code_from_their_own_dictionary() {
    let w = world();
    check(invented(), w, "Freedonia zorbled Sylvania on Monday.", &["FRE SYL 190"]);
    check(invented(), w, "Ruritania florped three trinkets to Grand Fenwick.", &["RUR GFK 073"]);
    check(invented(), w, "Freedonia and Sylvania parleyed on Tuesday.", &["FRE SYL 046", "SYL FRE 046"]);
    // Verbs it does not know code nothing, whatever the real dictionaries say.
    check(invented(), w, "Freedonia attacked Sylvania.", &[]);
    // Frames are the coder's grammar and still apply.
    check(invented(), w, "Freedonia threatened to zorble Sylvania.", &["FRE SYL 1384"]);
}

#[test]
fn one_line_per_root() {
    c("Freedonia declined to comment on Sylvania.", &["FRE SYL 011"]);
    c("Freedonia urged Sylvania to show restraint.", &["FRE SYL 020"]);
    c("Freedonia pledged humanitarian aid to Sylvania.", &["FRE SYL 0333 future"]);
    c("President Rufus Firefly visited Sylvania on Monday.", &["FREGOV SYL 042"]);
    c("Freedonia praised Sylvania for its restraint.", &["FRE SYL 051"]);
    c("Freedonia and Sylvania held joint military exercises.", &["FRE SYL 062", "SYL FRE 062"]);
    c("Freedonia sent food aid to Sylvania.", &["FRE SYL 073"]);
    c("Freedonia released two Sylvanian prisoners.", &["FRE SYL 0841"]);
    c("The Concord of Nations opened an investigation into Freedonia.", &["IGOCON FRE 090"]);
    c("Freedonia demanded the release of its nationals by Sylvania.", &["FRE SYL 1053"]);
    c("Freedonia accused Sylvania of violating the ceasefire.", &["FRE SYL 1123"]);
    c("Freedonia rejected the Sylvanian peace plan.", &["FRE SYL 127"]);
    c("Freedonia rejected the Sylvanian proposal.", &["FRE SYL 120"]);
    c("Freedonia threatened to impose sanctions on Sylvania.", &["FRE SYL 1312"]);
    c("Sylvanians demonstrated against Freedonia in Sylvan City.", &["SYL FRE 141"]);
    c("Freedonia deployed troops along the border with Sylvania.", &["FRE SYL 154"]);
    c("Freedonia expelled two Sylvanian diplomats.", &["FRE SYL 166"]);
    c("The Freedonian police arrested ten Sylvanians.", &["FRECOP SYL 173"]);
    c("Sylvanian rebels kidnapped a Freedonian engineer.", &["SYLREB FRE 181"]);
    c("The Freedonian army shelled Sylvanian positions.", &["FREMIL SYL 194"]);
    c("Freedonia used chemical weapons against Sylvania.", &["FRE SYL 2041"]);
}

#[test]
fn modality() {
    c("Freedonia will support Sylvania.", &["FRE SYL 032 future"]);
    c("Freedonia will support Sylvania if war breaks out.", &["FRE SYL 032 future cond(if war breaks out)"]);
    c(
        "Freedonia vowed to defend Sylvania unless Ruritania withdraws.",
        &["FRE SYL 032 future cond(unless Ruritania withdraws)"],
    );
    c(
        "In case of an invasion, Freedonia will defend Sylvania.",
        &["FRE SYL 032 future cond(In case of an invasion)"],
    );
    c("Freedonia could attack Sylvania.", &["FRE SYL 190 hypothetical"]);
    c("Freedonia might impose sanctions on Sylvania.", &["FRE SYL 163 hypothetical"]);
    c("Freedonia did not attack Sylvania.", &["FRE SYL 190 negated"]);
    c("Freedonia never attacked Sylvania.", &["FRE SYL 190 negated"]);
    c("Freedonia refused to meet Sylvania.", &["FRE SYL 125"]);
    c("Freedonia will not accept Sylvanian refugees.", &["FRE SYL 122"]);
    c(
        "Freedonia and Sylvania have held joint exercises repeatedly over the years.",
        &["FRE SYL 062 habitual", "SYL FRE 062 habitual"],
    );
    c(
        "Fredville views Sylvania as a province to be retaken by force if necessary.",
        &["FREGOV SYL 138 habitual cond(if necessary)"],
    );
    c("Freedonia plans to visit Sylvania.", &["FRE SYL 036 future"]);
    c("Freedonia agreed to hold talks with Sylvania.", &["FRE SYL 036 future"]);
}

#[test]
fn frames_compose_codes() {
    c("Freedonia urged Sylvania to release the prisoners.", &["FRE SYL 0253"]);
    c("Freedonia demanded that Sylvania withdraw its troops.", &["FRE SYL 1056"]);
    c("Freedonia threatened to sever ties with Sylvania.", &["FRE SYL 1313"]);
    c("Freedonia vowed to retaliate against Sylvania.", &["FRE SYL 138"]);
    c("Freedonia refused to lift sanctions on Sylvania.", &["FRE SYL 1244"]);
    c(
        "Freedonia offered to mediate between Sylvania and Ruritania.",
        &["FRE SYL 039 future", "FRE RUR 039 future"],
    );
}

#[test]
fn reported_speech() {
    // The speaker acts for their country: `Freedonia` becomes the president.
    c("Freedonia will support Sylvania, President Rufus Firefly said.", &["FREGOV SYL 032 future reported"]);
    c("President Rufus Firefly said Freedonia will support Sylvania.", &["FREGOV SYL 032 future reported"]);
    c("Freedonia attacked Sylvania, according to the Freedonia Gazette.", &["FRE SYL 190 reported"]);
    c(
        "Mr Firefly was quoted by the Freedonia Gazette as saying Freedonia urges Sylvania to reconsider.",
        &["FREGOV SYL 020 reported"],
    );
    // A claim by A about B's hostile conduct is A accusing B.
    c(
        "Foreign Minister Rudolf Rassendyll said that Sylvania is seeking to accelerate militarisation.",
        &["RURGOV SYL 112 reported"],
    );
    // Sourcing after the fact is not a claim.
    c("Sylvania shelled Freedonian positions, Ruritanian officials said.", &["SYL FRE 194 reported"]);
    // A warning about what another's attack would mean is a conditional threat.
    c(
        "President Rufus Firefly said that a Sylvanian attack on Grand Fenwick could be a disaster for Freedonia.",
        &["FREGOV SYL 138 hypothetical reported cond(a Sylvanian attack on Grand Fenwick)"],
    );
    // `must` in a claim is a demand on its subject.
    c("President Rufus Firefly said Sylvania must release the prisoners.", &["FREGOV SYL 1053 reported"]);
}

#[test]
fn media_are_never_source_or_target() {
    c("The Freedonia Gazette criticized Sylvania.", &[]);
    c("Sylvania criticized the Freedonia Gazette.", &["SYL - 111"]);
    c("Sylvanian Broadcasting reported that Freedonia attacked Sylvania.", &["FRE SYL 190 reported"]);
}

#[test]
fn compound_actors() {
    c("Freedonia and Ruritania attacked Sylvania.", &["FRE SYL 190", "RUR SYL 190"]);
    c("Freedonia imposed sanctions on Sylvania and Ruritania.", &["FRE SYL 163", "FRE RUR 163"]);
    c("Freedonia and Sylvania signed a peace treaty.", &["FRE SYL 057", "SYL FRE 057"]);
    c("Sylvania was attacked by Freedonia.", &["FRE SYL 190"]);
    c("Freedonia, backed by Ruritania, attacked Sylvania.", &["FRE SYL 190", "RUR FRE 050"]);
    // The moves refer back to the last event's actors.
    c(
        "Freedonia and Sylvania held joint exercises, prompting the Concord of Nations to describe the moves as a provocation.",
        &["FRE SYL 062", "SYL FRE 062", "IGOCON FRE 111", "IGOCON SYL 111"],
    );
}
