//! Commitments in the fictional world: conditions coded as triggers, and the pledge of an
//! event (beneficiary, adversary, basis, terms, stance). One line per case.

use crate::support::code_blocks;
use crate::world::{coder, world};
use faultline_model::{BlockKind, Event, Pledge, Trigger, TriggerAction};

/// `(SRC, action, TGT)` with `any` for a wildcard and `not ` before a negated trigger.
fn render_trigger(trigger: &Trigger) -> String {
    let actor = |a: Option<&faultline_model::ActorRef>| a.map_or("any".to_string(), |a| a.code.to_string());
    let action = match &trigger.action {
        TriggerAction::Act { cameo, .. } => cameo.to_string(),
        TriggerAction::Conflict => "conflict".to_string(),
        TriggerAction::Other => format!("other {}", trigger.cue),
    };
    format!(
        "{}({}, {}, {})",
        if trigger.negated { "not " } else { "" },
        actor(trigger.source.as_ref()),
        action,
        actor(trigger.target.as_ref())
    )
}

/// `stance [for=X] [against=Y] [basis=kind(text)] [terms=...] [topic=Z] [restated]`.
fn render_pledge(pledge: &Pledge) -> String {
    let mut out = pledge.stance.as_str().to_string();
    if let Some(b) = &pledge.beneficiary {
        out.push_str(&format!(" for={}", b.code));
    }
    if let Some(a) = &pledge.adversary {
        out.push_str(&format!(" against={}", a.code));
    }
    if let Some(b) = &pledge.basis {
        out.push_str(&format!(" basis={}({})", b.kind.as_str(), b.text));
        if let Some(v) = &b.venue {
            out.push_str(&format!("@{v}"));
        }
    }
    if let Some(t) = &pledge.terms {
        out.push_str(&format!(" terms=({})", t.text));
    }
    if let Some(t) = &pledge.topic {
        out.push_str(&format!(" topic={}", t.code));
    }
    if pledge.restated {
        out.push_str(" restated");
    }
    out
}

fn events(text: &str) -> Vec<Event> {
    let blocks: Vec<(BlockKind, &str)> = text.split("\n\n").map(|p| (BlockKind::Paragraph, p)).collect();
    let (_, coded) = code_blocks(coder(), world(), &blocks, jiff::civil::date(2025, 12, 28));
    coded.events
}

/// The trigger of the first conditional event.
#[track_caller]
fn trigger(text: &str, expected: &str) {
    let events = events(text);
    let got = events
        .iter()
        .find_map(|e| e.modality.condition.as_ref())
        .map(|c| c.trigger.as_ref().map_or("none".to_string(), render_trigger));
    assert_eq!(got.as_deref(), Some(expected), "\ntext: {text}\nevents: {events:#?}");
}

/// The pledge of the first event with one, with its code: `CODE pledge...`.
#[track_caller]
fn pledge(text: &str, expected: &str) {
    let events = events(text);
    let got =
        events.iter().find_map(|e| e.pledge.as_ref().map(|p| format!("{} {}", e.cameo, render_pledge(p))));
    assert_eq!(got.as_deref(), Some(expected), "\ntext: {text}\nevents: {events:#?}");
}

/// No event of the text has a pledge.
#[track_caller]
fn no_pledge(text: &str) {
    let events = events(text);
    assert!(events.iter().all(|e| e.pledge.is_none()), "\ntext: {text}\nevents: {events:#?}");
}

#[test]
fn conditions_coded_as_triggers() {
    trigger("Freedonia will support Sylvania if a Ruritania contingency flares up.", "(any, conflict, RUR)");
    trigger("Freedonia will support Sylvania if war breaks out.", "(any, conflict, any)");
    trigger("Freedonia will defend Sylvania if Ruritania attacks Sylvania.", "(RUR, 190, SYL)");
    trigger("Freedonia will defend Sylvania if Ruritania invades.", "(RUR, 190, any)");
    trigger("Freedonia will defend Sylvania should Ruritania attack.", "(RUR, 190, any)");
    trigger("Freedonia will back Sylvania should a crisis over Ruritania break out.", "(any, conflict, RUR)");
    trigger("Freedonia will defend Sylvania in case of a Ruritanian attack on Sylvania.", "(RUR, 190, SYL)");
    trigger(
        "Freedonia will support Sylvania in the event of a war between Ruritania and Grand Fenwick.",
        "(RUR, conflict, GFK)",
    );
    trigger(
        "Freedonia will impose sanctions on Ruritania unless Ruritania halts enrichment.",
        "not (RUR, other halt, any)",
    );
    trigger(
        "Freedonia will support Sylvania if Ruritania does not withdraw its troops.",
        "not (RUR, 087, any)",
    );
    trigger("If attacked, Freedonia will defend Sylvania.", "(any, 190, FRE)");
    // A condition that names no act has no trigger.
    trigger("Fredville views Sylvania as a province to be retaken by force if necessary.", "none");
    // A warning about another's act is conditional on that act.
    trigger(
        "President Rufus Firefly said that a Sylvanian attack on Grand Fenwick could be a disaster for Freedonia.",
        "(SYL, 190, GFK)",
    );
}

#[test]
fn beneficiaries_and_adversaries() {
    pledge("Freedonia will support Sylvania if war breaks out.", "032 firm for=SYL");
    pledge("Freedonia will defend Sylvania if Ruritania attacks Sylvania.", "032 firm for=SYL against=RUR");
    pledge("Freedonia will fight alongside Sylvania if Ruritania attacks.", "1384 firm for=SYL against=RUR");
    pledge(
        "Freedonia vowed to come to the aid of Sylvania if Ruritania attacks.",
        "030 firm for=SYL against=RUR",
    );
    // A threat is against its target; a participial clause may name whom it is for.
    pledge(
        "President Rufus Firefly said that a Sylvanian attack on Grand Fenwick could be a disaster for Freedonia, potentially involving its army in support of Ruritania.",
        "138 possible for=RUR against=SYL terms=(potentially involving its army in support of Ruritania)",
    );
    // Not from another clause of the sentence.
    no_pledge(
        "Freedonia and Sylvania held joint exercises, and urged Ruritania to stand with Grand Fenwick.",
    );
}

#[test]
fn bases() {
    pledge(
        "Freedonia will defend Sylvania under the mutual defence treaty if Ruritania attacks.",
        "032 firm for=SYL against=RUR basis=treaty(the mutual defence treaty)",
    );
    pledge(
        "Freedonia will defend Sylvania under Article 5 if Ruritania attacks.",
        "032 firm for=SYL against=RUR basis=treaty(Article 5)",
    );
    pledge(
        "Freedonia will support Sylvania under the 2001 treaty of friendship.",
        "032 firm for=SYL basis=treaty(the 2001 treaty of friendship)",
    );
    // Not a verb's object: `criticised the treaty` cites nothing.
    pledge(
        "Freedonia will support Sylvania if war breaks out, after Ruritania criticised the treaty with Sylvania.",
        "032 firm for=SYL",
    );
    pledge(
        "Freedonia will defend Sylvania under the revised treaty if Ruritania attacks.",
        "032 firm for=SYL against=RUR basis=treaty(the revised treaty)",
    );
    // The statement the pledge was made in, and where.
    pledge(
        "President Rufus Firefly said in a parliamentary session that Freedonia will support Sylvania.",
        "032 firm for=SYL basis=statement(said in a parliamentary session)@parliament",
    );
    // An instrument the same speaker cites in another sentence, and the speaker's own
    // words for what is pledged.
    pledge(
        "Freedonia will support Sylvania if war breaks out, President Rufus Firefly said.\n\n\
         “The procedure for such situations is set forth” in a treaty with Sylvania, Mr Firefly said. \
         “One of the principles” is “mutual support in defending territorial integrity.”",
        "032 firm for=SYL basis=treaty(a treaty with Sylvania) terms=(mutual support in defending territorial integrity)",
    );
    // Not one cited by another country's speaker.
    pledge(
        "Freedonia will support Sylvania if war breaks out, President Rufus Firefly said.\n\n\
         The procedure is set forth in a treaty with Sylvania, Foreign Minister Rudolf Rassendyll said.",
        "032 firm for=SYL",
    );
}

#[test]
fn stances() {
    pledge("Freedonia could support Sylvania if war breaks out.", "032 possible for=SYL");
    pledge("Freedonia will no longer support Sylvania if war breaks out.", "032 withdrawn for=SYL");
    pledge("Freedonia will not support Sylvania if war breaks out.", "120 withdrawn for=SYL");
    pledge(
        "President Rufus Firefly said that a Sylvanian attack on Grand Fenwick would not automatically be a disaster for Freedonia.",
        "138 hedged against=SYL",
    );
    pledge(
        "President Rufus Firefly said that a Sylvanian attack on Grand Fenwick would not be a disaster for Freedonia.",
        "138 withdrawn against=SYL",
    );
    pledge(
        "Freedonia reaffirmed its support for Sylvania's position on Ruritania.",
        "051 firm for=SYL topic=RUR restated",
    );
    // Facts and meetings are not pledges.
    no_pledge("Freedonia praised Sylvania for its restraint.");
    no_pledge("Freedonia plans to visit Sylvania.");
}
