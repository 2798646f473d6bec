//! How a frame changes the code of the event it wraps: `agreed to` + meet (04x) is
//! CAMEO 036, `demanded` + release (084x) is 1053, `refused to` + aid (07x) is 122,
//! `threatened to` + sanctions (163) is 1312. CAMEO's roots 02, 03, 10, 12 and 13 are
//! built this way, so the tables below follow its code book.

use crate::frames::FrameKind;

/// What the wrapped event is about, whatever root it was coded under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Topic {
    Cooperate,
    CooperateEconomic,
    CooperateMilitary,
    CooperateJudicial,
    CooperateIntelligence,
    Diplomatic,
    Aid,
    AidEconomic,
    AidMilitary,
    AidHumanitarian,
    AidPeacekeeping,
    Reform,
    ReformLeadership,
    ReformPolicy,
    ReformRights,
    ReformInstitutions,
    Yield,
    EaseAdministrative,
    EaseDissent,
    Release,
    EaseSanctions,
    AllowInvolvement,
    Deescalate,
    Meet,
    Settle,
    Mediate,
    AcceptMediation,
    /// Anything else: the frame's bare code.
    Other,
}

fn topic(code: &str) -> Topic {
    use Topic::*;
    let exact = match code {
        "0311" | "061" | "1011" | "0211" | "1211" => Some(CooperateEconomic),
        "0312" | "062" | "1012" | "0212" | "1212" => Some(CooperateMilitary),
        "0313" | "063" | "1013" | "0213" | "1213" => Some(CooperateJudicial),
        "0314" | "064" | "1014" | "0214" | "1214" => Some(CooperateIntelligence),
        "0331" | "071" | "1031" | "0231" | "1221" => Some(AidEconomic),
        "0332" | "072" | "1032" | "0232" | "1222" => Some(AidMilitary),
        "0333" | "073" | "1033" | "0233" | "1223" => Some(AidHumanitarian),
        "0334" | "074" | "1034" | "0234" | "1224" => Some(AidPeacekeeping),
        "0341" | "0831" | "1041" | "0241" | "1231" => Some(ReformLeadership),
        "0342" | "0832" | "1042" | "0242" | "1232" => Some(ReformPolicy),
        "0343" | "0833" | "1043" | "0243" | "1233" => Some(ReformRights),
        "0344" | "0834" | "1044" | "0244" | "1234" => Some(ReformInstitutions),
        "0351" | "081" | "0811" | "0812" | "0813" | "0814" | "1051" | "0251" | "1241" => {
            Some(EaseAdministrative)
        }
        "0352" | "082" | "1052" | "0252" | "1242" => Some(EaseDissent),
        "0353" | "084" | "0841" | "0842" | "1053" | "0253" | "1243" => Some(Release),
        "0354" | "085" | "1054" | "0254" | "1244" => Some(EaseSanctions),
        "0355" | "086" | "0861" | "0862" | "0863" | "1055" | "0255" | "1245" => Some(AllowInvolvement),
        "0356" | "087" | "0871" | "0872" | "0873" | "0874" | "1056" | "0256" | "1246" => Some(Deescalate),
        "037" | "107" | "027" | "127" => Some(Settle),
        "038" | "108" | "028" | "126" => Some(AcceptMediation),
        "039" | "045" => Some(Mediate),
        "032" | "022" | "102" => Some(Diplomatic),
        "031" | "021" | "101" | "121" => Some(Cooperate),
        "033" | "023" | "103" | "122" => Some(Aid),
        "034" | "024" | "104" | "123" | "083" => Some(Reform),
        "035" | "025" | "105" | "124" | "080" | "08" => Some(Yield),
        "036" | "026" | "106" | "125" => Some(Meet),
        _ => None,
    };
    if let Some(t) = exact {
        return t;
    }
    match &code[..2] {
        "04" => Meet,
        "05" => Diplomatic,
        "06" => Cooperate,
        "07" => Aid,
        "08" => Yield,
        _ => Other,
    }
}

/// Whether a code is cooperation a frame of intent, appeal, demand or refusal can wrap
/// (roots 03 to 08, and appeals/demands/refusals already built from them).
pub(crate) fn is_cooperation(code: &str) -> bool {
    matches!(&code[..2], "03" | "04" | "05" | "06" | "07" | "08")
}

/// The code of `frame` wrapping an event coded `inner`, or `None` when the frame does not
/// change it.
pub(crate) fn compose(frame: FrameKind, inner: &str) -> Option<&'static str> {
    use Topic::*;
    let root = &inner[..2];
    // A frame does not re-wrap what is already of its kind (`threatened sanctions`, 1312).
    let own_root = match frame {
        FrameKind::Intent | FrameKind::Pledge => "03",
        FrameKind::Appeal => "02",
        FrameKind::Demand => "10",
        FrameKind::Reject => "12",
        FrameKind::Threat => "13",
        _ => "",
    };
    if root == own_root {
        return None;
    }
    let conflict = matches!(root, "13" | "14" | "15" | "16" | "17" | "18" | "19" | "20");
    match frame {
        FrameKind::Intent | FrameKind::Pledge => {
            if conflict {
                return if frame == FrameKind::Pledge { Some(threat(inner)) } else { None };
            }
            if !is_cooperation(inner) && root != "02" && root != "01" {
                return None;
            }
            Some(match topic(inner) {
                Cooperate => "031",
                CooperateEconomic => "0311",
                CooperateMilitary => "0312",
                CooperateJudicial => "0313",
                CooperateIntelligence => "0314",
                Diplomatic => "032",
                Aid => "033",
                AidEconomic => "0331",
                AidMilitary => "0332",
                AidHumanitarian => "0333",
                AidPeacekeeping => "0334",
                Reform => "034",
                ReformLeadership => "0341",
                ReformPolicy => "0342",
                ReformRights => "0343",
                ReformInstitutions => "0344",
                Yield => "035",
                EaseAdministrative => "0351",
                EaseDissent => "0352",
                Release => "0353",
                EaseSanctions => "0354",
                AllowInvolvement => "0355",
                Deescalate => "0356",
                Meet => "036",
                Settle => "037",
                AcceptMediation => "038",
                Mediate => "039",
                Other => "030",
            })
        }
        FrameKind::Appeal => Some(match topic(inner) {
            Cooperate => "021",
            CooperateEconomic => "0211",
            CooperateMilitary => "0212",
            CooperateJudicial => "0213",
            CooperateIntelligence => "0214",
            Diplomatic => "022",
            Aid => "023",
            AidEconomic => "0231",
            AidMilitary => "0232",
            AidHumanitarian => "0233",
            AidPeacekeeping => "0234",
            Reform => "024",
            ReformLeadership => "0241",
            ReformPolicy => "0242",
            ReformRights => "0243",
            ReformInstitutions => "0244",
            Yield => "025",
            EaseAdministrative => "0251",
            EaseDissent => "0252",
            Release => "0253",
            EaseSanctions => "0254",
            AllowInvolvement => "0255",
            Deescalate => "0256",
            Meet => "026",
            Settle => "027",
            AcceptMediation | Mediate => "028",
            Other => "020",
        }),
        FrameKind::Demand => Some(match topic(inner) {
            Cooperate => "101",
            CooperateEconomic => "1011",
            CooperateMilitary => "1012",
            CooperateJudicial => "1013",
            CooperateIntelligence => "1014",
            Diplomatic => "102",
            Aid => "103",
            AidEconomic => "1031",
            AidMilitary => "1032",
            AidHumanitarian => "1033",
            AidPeacekeeping => "1034",
            Reform => "104",
            ReformLeadership => "1041",
            ReformPolicy => "1042",
            ReformRights => "1043",
            ReformInstitutions => "1044",
            Yield => "105",
            EaseAdministrative => "1051",
            EaseDissent => "1052",
            Release => "1053",
            EaseSanctions => "1054",
            AllowInvolvement => "1055",
            Deescalate => "1056",
            Meet => "106",
            Settle => "107",
            AcceptMediation | Mediate => "108",
            Other => "100",
        }),
        FrameKind::Reject => Some(match topic(inner) {
            Cooperate => "121",
            CooperateEconomic => "1211",
            CooperateMilitary => "1212",
            CooperateJudicial => "1213",
            CooperateIntelligence => "1214",
            Diplomatic => "120",
            Aid => "122",
            AidEconomic => "1221",
            AidMilitary => "1222",
            AidHumanitarian => "1223",
            AidPeacekeeping => "1224",
            Reform => "123",
            ReformLeadership => "1231",
            ReformPolicy => "1232",
            ReformRights => "1233",
            ReformInstitutions => "1234",
            Yield => "124",
            EaseAdministrative => "1241",
            EaseDissent => "1242",
            Release => "1243",
            EaseSanctions => "1244",
            AllowInvolvement => "1245",
            Deescalate => "1246",
            Meet => "125",
            Settle => "127",
            AcceptMediation | Mediate => "126",
            Other => "120",
        }),
        FrameKind::Threat => Some(threat(inner)),
        FrameKind::Deny => matches!(root, "14" | "15" | "16" | "17" | "18" | "19" | "20").then_some("016"),
        FrameKind::Speech
        | FrameKind::Light
        | FrameKind::Stance
        | FrameKind::Anaphor
        | FrameKind::Accuse
        | FrameKind::Control
        | FrameKind::Content => None,
    }
}

/// CAMEO 13 for a threat of the wrapped event.
fn threat(inner: &str) -> &'static str {
    match inner {
        "161" => "1313",
        "162" | "1621" | "1622" | "1623" => "1311",
        "163" => "1312",
        "164" => "134",
        "165" => "135",
        "166" | "1661" | "1662" | "1663" => "136",
        "172" | "173" | "174" => "132",
        "1721" => "1321",
        "1722" => "1322",
        "1723" => "1323",
        "1724" => "1324",
        "171" | "1711" | "1712" | "175" | "17" | "170" => "137",
        "191" => "1381",
        "192" => "1382",
        _ => match &inner[..2] {
            "14" => "133",
            "15" => "138",
            "18" => "1383",
            "19" => "1384",
            "20" => "1385",
            "13" => "130",
            _ => "130",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_frames() {
        assert_eq!(compose(FrameKind::Intent, "046"), Some("036"));
        assert_eq!(compose(FrameKind::Intent, "051"), Some("032"));
        assert_eq!(compose(FrameKind::Intent, "0871"), Some("0356"));
        assert_eq!(compose(FrameKind::Intent, "190"), None);
        assert_eq!(compose(FrameKind::Pledge, "190"), Some("1384"));
        assert_eq!(compose(FrameKind::Demand, "0841"), Some("1053"));
        assert_eq!(compose(FrameKind::Appeal, "046"), Some("026"));
        assert_eq!(compose(FrameKind::Reject, "073"), Some("1223"));
        assert_eq!(compose(FrameKind::Reject, "0333"), Some("1223"));
        assert_eq!(compose(FrameKind::Threat, "163"), Some("1312"));
        assert_eq!(compose(FrameKind::Threat, "195"), Some("1384"));
        assert_eq!(compose(FrameKind::Deny, "190"), Some("016"));
        assert_eq!(compose(FrameKind::Deny, "046"), None);
    }
}
