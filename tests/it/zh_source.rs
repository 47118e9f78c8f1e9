//! The Chinese-text functions on the real source report.
//!
//! Script conversion is measured against the `opencc` tool (Debian package `opencc`):
//! `zh::convert` must agree with `opencc -c t2s.json` on the report and with
//! `opencc -c s2t.json` on the Simplified result, on at least 99.9 % of characters; those tests
//! skip (print "skipped: …") when `opencc` is not installed. The example report rendered in each
//! script must agree the same way with `opencc` applied to its other renderings. Punctuation
//! normalization must turn every half-width mark of the report into its full-width form.

use crate::common::cli;
use crate::common::skip;

use std::io::Write;
use std::process::{Command, Stdio};

use huibao::zh::{convert, convert_from, Script};

/// The source report (a scraped Traditional-script briefing, debris included), verbatim.
const SOURCE: &str = r#"盧氏縣全民素質行動計劃綱要落實情況彙報

來源:文萃谷 1.7W

尊敬的馬主席、各位領導:

盧氏縣全民素質行動計劃綱要落實情況彙報

在這秋風送爽、紅葉飄飄的美好時節,今天,馬主席帶領三門峽市檢查組各位領導蒞臨我縣檢查指導工作,這是對我縣工作的最大支持和鼓勵。在此,我代表盧氏縣委、縣政府,向各位領導的到來表示熱烈的歡迎,向各位領導多年來對盧氏科普事業及經濟社會發展所給予的關心和支持,表示衷心的感謝!下面,我就盧氏科技“進農村、進社區、強技能、提素質”服務活動及全民科學素質工作開展情況,向各位領導作以彙報。

一、科技服務活動開展情況

三門峽市開展科技“進農村、進社區、強技能、提素質”服務活動以來,我縣高度重視,精心組織,周密部署,確保了科技服務活動各項工作的全面落實。

(一)強化組織領導,迅速部署動員

縣委、縣政府對開展科技“進農村、進社區、強技能、提素質”服務活動高度重視,緊密結合我縣實際,組織相關部門認真研究,制定了《盧氏縣科技“進農村、進社區、強技能、提素質”服務活動實施方案》。同時組織縣直涉農部

門及有關鄉鎮主管科技工作的領導,召開專題動員會進行安排部署,深刻闡述開展科技服務活動的重大意義,明確開展活動的指導思想,並就服務對象、活動方式、對接服務和專家組成等事項提出了具體安排和要求,為活動順利開展奠定了良好基礎。

(二)精選科技骨幹,開展對接服務

按照縣委縣政府統一部署,由縣委組織部和縣科協牽頭,協調縣直10多個部門,從我縣第一批科技特派員中精選出40名政治素質高、業務能力強、熱愛科技事業和科普宣傳工作、具有中級以上職稱的同志,作為開展此次服務活動的科技骨幹,下派到16個鄉鎮40個村(含基地、協會、合作社、公司),以點帶面開展科技服務。我縣在今年三月開展了科技特派員啟動儀式,共選派74名科技特派員深入到有關單位,開展科技服務活動,他們與所在村、基地、協會、公司等已經建立了良好的合作關係,工作開展順利。這次科技進社區進鄉鎮活動開展後,我們從中選派了一批骨幹,因此能夠迅速投入工作,圓滿完成這次活動任務。

(三)科技專家迅速入駐,全面展開服務工作

10月10日上午市科技服務活動啟動儀式結束之後,我縣立即和市派往我縣的12名專家進行座談,對如何結合盧氏實際,有效開展工作進行協商,開展對接服務。趙縣長並就開展此次活動的目的、意義、對參與單位和科技專家提出了明確要求,進一步統一了思想,為順利推進科技服務活動

營造了濃厚氛圍。12名專家在各鄉鎮主管領導的帶領下,已經趕赴鄉鎮、村一線,與鄉鎮、村幹部見面會、座談會及走訪、查看等多種形式,全面瞭解掌握所駐鄉、村的經濟社會發展現狀,主導產業發展情況,深入瞭解農民對實用技術的迫切需求,從而進一步理清了服務思路,明確了服務目標和方向。目前,各項服務活動正按計劃持續深入有序推進。

二、全民科學素質工作開展情況

盧氏縣委、縣政府始終堅持把貫徹落實《全民科學素質綱要》作為實施科技興縣、人才強縣戰略的根本着力點和主體工程來抓,不斷強化“科學技術是第一生產力,是先進生產力的集中體現和主要標誌”的思想,圍繞實現科普工作組織領導到位、網絡體系健全、經費保障有力、基礎設施完善、傳播手段豐富、服務措施紮實等六個目標,政府、公眾齊心協力,部門、行業齊抓共管,上下聯動,全方位、多層次推進創建活動,全縣科技和科普工作水平明顯提高,科技綜合實力不斷壯大,初步構建了體系完善、機制協調、工作有力、適應社會需求的大科普工作格局,連續十一年被評為全國科技進步先進縣,科普推廣和科技創新在縣域經濟社會發展中越來越顯示出重要的推動作用。

(一)健全機構,強化組織保障。縣委、縣政府對全民科學素質行動工作高度重視,及時調整成立了以主抓科技工作的副縣長為組長,科技、宣傳、組織、人事、教育、農業局等部門負責同志為成員的全民科學素質工作領導小組,加

強了對全縣科學素質行動工作的統一領導。各鄉鎮和縣直部門也調整了本單位的全民科學素質工作領導小組,具體負責本鄉鎮和本部門的全民科學素質行動工作。健全的組織機構、充實的領導力量,為順利開展全民科學素質行動工作提供了有力的組織保障。

(二)分解任務,明確職責。及時印發了《盧氏縣實施<全民科學素質行動計劃綱要>工作方案》和《盧氏縣全民科學素質行動2012年工作要點》對全縣全民科學素質行動工作進行了任務分解,明確了各項任務的牽頭單位和責任部門,確保“四大行動”(未成年人科學素質行動、農民科學素質行動、城鎮勞動人口科學素質行動、領導幹部和公務員科學素質行動)和“四項基礎工程建設”(科學教育與培訓基礎工程、科普資源開發與共享工程、大眾傳媒科技建設工程、科普基礎設施工程)等八項任務在各有關部門都得到了詳盡的細化分解,做到了職責明確、責任到人。

《盧氏縣全民素質行動計劃綱要落實情況彙報》全文內容當前網頁未完全顯示,剩餘內容請訪問下一頁查看。

熱門標籤"#;

/// Runs `opencc -c <config>` on `text`; `None` when the tool is missing.
fn opencc(config: &str, text: &str) -> Option<String> {
    let mut child = Command::new("opencc")
        .args(["-c", config])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    stdin.write_all(text.as_bytes()).ok()?;
    drop(stdin);
    let out = child.wait_with_output().ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

/// Characters that differ, position by position (a length difference counts in full), and the
/// total characters compared; also the first few differences for the message.
fn diff(ours: &str, theirs: &str) -> (usize, usize, Vec<String>) {
    let a: Vec<char> = ours.chars().collect();
    let b: Vec<char> = theirs.chars().collect();
    let mut samples = Vec::new();
    let mut differing = a.len().abs_diff(b.len());
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        if x != y {
            differing += 1;
            if samples.len() < 10 {
                samples.push(format!("#{i}: {x}≠{y}"));
            }
        }
    }
    (differing, a.len().max(b.len()), samples)
}

fn assert_agrees(what: &str, ours: &str, theirs: &str) {
    let (differing, total, samples) = diff(ours, theirs);
    eprintln!("{what}: {differing} / {total} characters differ {samples:?}");
    assert!(
        differing * 1000 <= total,
        "{what}: {differing} of {total} characters differ: {samples:?}"
    );
}

#[test]
fn matches_opencc_on_the_source_report() {
    let Some(cli_simplified) = opencc("t2s.json", SOURCE) else {
        skip::skip("opencc is not installed (apt-get install opencc)");
        return;
    };
    let simplified = convert(SOURCE, Script::Hans);
    assert_agrees("t2s", &simplified, &cli_simplified);
    assert!(simplified.contains("卢氏县全民素质行动计划纲要落实情况汇报"));

    let Some(cli_traditional) = opencc("s2t.json", &simplified) else {
        skip::skip("opencc s2t.json failed");
        return;
    };
    let traditional = convert(&simplified, Script::Hant);
    assert_agrees("s2t of t2s", &traditional, &cli_traditional);
    // Phrase level, not character by character: 干部 → 幹部 but 干净 stays apart.
    assert!(traditional.contains("村幹部"));
    assert!(traditional.contains("盧氏縣"));
    assert!(traditional.contains("彙報"));

    let (round_trip, total, samples) = diff(&traditional, SOURCE);
    eprintln!("round trip t2s→s2t vs source: {round_trip} / {total} characters differ {samples:?}");
}

#[test]
fn traditional_text_kept_exactly_when_already_in_script() {
    // OpenCC's s2t leaves this Traditional text unchanged (measured: 0 characters), though it
    // rewrites some Traditional characters elsewhere (峰 → 峯); convert_from never touches a
    // text already in the wanted script.
    let (changed, total, samples) = diff(&convert(SOURCE, Script::Hant), SOURCE);
    eprintln!(
        "s2t applied to the Traditional source: {changed} / {total} characters change {samples:?}"
    );
    assert_eq!(convert_from(SOURCE, Script::Hant, Script::Hant), SOURCE);
    assert_eq!(
        convert_from(SOURCE, Script::Hant, Script::Hans),
        convert(SOURCE, Script::Hans)
    );
}

#[test]
fn punctuation_of_the_source_report_becomes_full_width() {
    let (out, changes) = huibao::zh::punct::normalize(SOURCE);
    let half_width = |t: &str| t.chars().filter(|c| ",:;()!?<>\"".contains(*c)).count();
    assert_eq!(half_width(&out), 0, "half-width marks left");
    assert_eq!(
        changes.iter().map(|c| half_width(&c.before)).sum::<usize>(),
        half_width(SOURCE)
    );
    for expected in [
        "來源：文萃谷 1.7W",
        "尊敬的馬主席、各位領導：",
        "表示衷心的感謝！下面，我就",
        "（一）強化組織領導，迅速部署動員",
        "40個村（含基地、協會、合作社、公司），以點帶面",
        "《盧氏縣實施〈全民科學素質行動計劃綱要〉工作方案》",
        "《盧氏縣全民科學素質行動2012年工作要點》",
    ] {
        assert!(out.contains(expected), "missing {expected}");
    }
    // Replaying the listed changes on the input gives the output.
    let mut replayed = String::new();
    let mut at = 0;
    for c in &changes {
        replayed.push_str(&SOURCE[at..c.offset]);
        assert_eq!(&SOURCE[c.offset..c.offset + c.before.len()], c.before);
        replayed.push_str(&c.after);
        at = c.offset + c.before.len();
    }
    replayed.push_str(&SOURCE[at..]);
    assert_eq!(replayed, out);
}

/// The example report rendered as text in `script`.
fn render_example(script: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    cli::render_example_ok(&["-f", "txt", "--script", script], dir.path());
    std::fs::read_to_string(dir.path().join("lushi-2012.txt")).expect("txt output")
}

#[test]
fn example_renderings_agree_with_opencc() {
    if opencc("t2s.json", "測試").is_none() {
        skip::skip("opencc is not installed (apt-get install opencc)");
        return;
    }
    let hans = render_example("hans");
    assert!(hans.contains("向各位领导作以汇报"));
    // The data's own script: the source report's forms, kept exactly.
    let as_written = render_example("hant-tw");
    assert!(as_written.contains("為活動順利開展奠定了良好基礎"));
    for (script, s2x) in [
        ("hant", "s2t.json"),
        ("hant-tw", "s2tw.json"),
        ("hant-hk", "s2hk.json"),
    ] {
        let traditional = render_example(script);
        let to_hans = opencc("t2s.json", &traditional).expect("opencc t2s");
        assert_agrees(&format!("{script} → opencc t2s vs hans"), &hans, &to_hans);
        let from_hans = opencc(s2x, &hans).expect("opencc s2x");
        assert_agrees(
            &format!("hans → opencc {s2x} vs {script}"),
            &traditional,
            &from_hans,
        );
    }
    // OpenCC's standard forms differ from the source's where the standards differ.
    let opencc_forms = render_example("hant");
    assert!(opencc_forms.contains("爲活動順利開展奠定了良好基礎"));
}

#[test]
fn simplified_facts_in_a_traditional_report_are_converted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let facts = [
        "--set",
        "meeting.host=马主席",
        "--set",
        "meeting.season=秋风送爽、红叶飘飘",
    ];
    cli::render_example_ok(&[&["-f", "txt"][..], &facts].concat(), dir.path());
    let text = std::fs::read_to_string(dir.path().join("lushi-2012.txt")).expect("txt");
    assert!(text.contains("尊敬的馬主席、各位領導："), "{text}");
    assert!(text.contains("在這秋風送爽、紅葉飄飄的美好時節"));
    assert!(!text.contains('马') && !text.contains('红'));
    // `check` lists the conversion, at the fact.
    let out = cli::huibao()
        .args(["check", "data/lushi-2012.toml", "--lang", "en"])
        .args(["--set", "meeting.host=马主席"])
        .output()
        .expect("run huibao");
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(
        msg.contains("[N-SCRIPT]: converted to the template's script (hant-tw): 马主席 → 馬主席"),
        "{msg}"
    );
    assert!(msg.contains("meeting.host"), "{msg}");
}
