//! Strategies: names ending in a strategy head (…战略, …战略布局, …总体布局,
//! …总战略), national strategies listed as such (A、B等国家战略), national
//! strategies named without the word, and quoted slogans used as strategies
//! (“A、B”总战略, each half a part).

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::phrase::{
    clause_items, clause_start, clauses, phrase_start, split_enumeration, strip_lead, unquote,
    word_at,
};
use crate::extract::segment::is_nominal;
use crate::extract::text::SentenceView;
use crate::extract::{ConceptKind, Context, Findings, Predicate, Role};
use crate::span::Span;

/// The category a list of national strategies ends with: 等国家战略, and with
/// modifiers, 等多重国家发展战略, 等国家重大战略, or bare, 等战略 (not 等战略性).
static NATIONAL_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("等(?:多重|重大)?(?:国家)?(?:重大|发展|区域)?战略").unwrap());

/// Connectives after which a strategy's name may begin inside a longer phrase.
const INNER_CONNECTIVES: [&str; 6] = ["把", "对", "将", "和", "与", "及"];

/// Words that only say what kind of strategy it is (国家重大战略), naming none.
const GENERIC: [&str; 12] = [
    "国家", "重大", "发展", "区域", "重要", "多重", "总体", "国省", "省", "重点", "创新", "这一",
];

pub(crate) fn find(cx: &Context, out: &mut Findings) {
    for sentence in &cx.text.sentences {
        let mut taken: Vec<Span> = Vec::new();
        national_lists(cx, sentence, out, &mut taken);
        headed(cx, sentence, out, &mut taken);
        named_without_head(cx, sentence, out, &taken);
        joined_patterns(cx, sentence, out);
    }
}

/// Verbs by which a plan joins a pattern set above it (融入新发展格局).
const JOIN_VERBS: [&str; 3] = ["融入", "服务", "对接"];
/// Longest name of such a pattern.
const MAX_PATTERN_CHARS: usize = 8;

/// `融入新发展格局`: a development pattern set above, that the plan joins and
/// carries out, is a strategy.
fn joined_patterns(cx: &Context, sentence: &SentenceView, out: &mut Findings) {
    let text = cx.text;
    for clause in clauses(text, sentence) {
        let lead = strip_lead(
            text,
            cx.lexicon,
            sentence,
            clause.char_start,
            clause.char_end,
            Some(2),
        );
        let joins = (clause.char_start..lead)
            .any(|p| word_at(text, sentence, p, lead, JOIN_VERBS.iter()).is_some());
        // 服务和融入X: the second verb governs too.
        let lead = strip_lead(text, cx.lexicon, sentence, lead, clause.char_end, None);
        let object = Span::new(lead, clause.char_end);
        let name = unquote(&text.str(object));
        if joins
            && name.ends_with("格局")
            && (4..=MAX_PATTERN_CHARS).contains(&name.chars().count())
            && !name.contains('的')
        {
            out.add(
                Some(ConceptKind::Strategy),
                &name,
                &name,
                object,
                sentence,
                Role::StrategyObject,
            );
        }
    }
}

/// The canonical label of a strategy named `name` (quotes removed) with `head`.
fn label_of(cx: &Context, name: &str, head: &str) -> String {
    match cx.lexicon.national_strategies.get(name) {
        Some(label) if head == "战略" || head.is_empty() => (*label).to_owned(),
        _ => format!("{name}{head}"),
    }
}

/// What a strategy named at `start` is to its clause: carried out when a strategy
/// verb before it governs it (落实A战略、B战略: every item of the list), a frame
/// when the clause opens with 在 (在…实施X战略中), else named in passing.
fn role_at(cx: &Context, sentence: &SentenceView, start: usize) -> Role {
    let text = cx.text;
    let clause = clause_start(text, sentence, start);
    let governed = (clause..start)
        .any(|p| word_at(text, sentence, p, start, cx.lexicon.strategy_verbs.iter()).is_some());
    let framed = text.chars.get(clause) == Some(&'在');
    match (governed, framed) {
        (true, false) => Role::StrategyObject,
        (true, true) => Role::FramingStrategy,
        _ => Role::Plain,
    }
}

/// National strategies whose name has no strategy head (长三角一体化发展,
/// 中部地区崛起, from the lexicon's list of national strategies): named as words of
/// their own, they are the strategy wherever they stand.
fn named_without_head(cx: &Context, sentence: &SentenceView, out: &mut Findings, taken: &[Span]) {
    let text = cx.text;
    let whole = text.doc.text_of(sentence.span);
    for (&name, &label) in &cx.lexicon.national_strategies {
        if label.ends_with("战略") {
            continue;
        }
        for (byte, _) in whole.match_indices(name) {
            let start = sentence.span.char_start + whole[..byte].chars().count();
            let span = Span::new(start, start + name.chars().count());
            if !text.at_boundary(sentence, start)
                || !text.word_ends(sentence, span.char_end)
                || taken.iter().any(|t| t.contains(span))
                || text.starts_with_at(span.char_end, sentence.span.char_end, "战略")
            {
                continue;
            }
            let role = role_at(cx, sentence, start);
            out.add(
                Some(ConceptKind::Strategy),
                label,
                name,
                span,
                sentence,
                role,
            );
        }
    }
}

/// `长江经济带发展、中部地区崛起等国家战略`: each item is a strategy.
fn national_lists(
    cx: &Context,
    sentence: &SentenceView,
    out: &mut Findings,
    taken: &mut Vec<Span>,
) {
    let text = cx.text;
    let whole = text.doc.text_of(sentence.span);
    for m in NATIONAL_LIST.find_iter(whole) {
        let pos = sentence.span.char_start + whole[..m.start()].chars().count();
        let list_end = pos + m.as_str().chars().count();
        // Without 国家 the category must end the noun: 等战略对接, not 等战略科技力量,
        // 等战略性新兴产业 or 等战略的产业领域.
        let open_noun = whole[m.end()..].starts_with(['性', '的'])
            || text
                .token_at(sentence, list_end)
                .is_some_and(|t| is_nominal(t.tag));
        if !m.as_str().contains("国家") && open_noun {
            continue;
        }
        let start = clause_start(text, sentence, pos);
        let items = split_enumeration(text, Span::new(start, pos));
        for (i, item) in items.iter().enumerate() {
            let item_start = if i == 0 {
                // 落实党中央关于促进中部地区加快崛起: the name follows 关于 and its verb.
                let about = text
                    .find_all(*item, "关于")
                    .last()
                    .map_or(item.char_start, |p| p + 2);
                strip_lead(text, cx.lexicon, sentence, about, item.char_end, Some(4))
            } else {
                item.char_start
            };
            let mut span = Span::new(item_start, item.char_end);
            let mut name = unquote(&text.str(span));
            // 加强与京津冀协同发展: the national strategy the item ends in.
            if let Some(national) = national_suffix(cx, &name) {
                span.char_start = span.char_end - national.chars().count();
                name = national.to_owned();
            }
            if name.chars().count() < 2 {
                continue;
            }
            let label = label_of(cx, &name, "");
            out.add(
                Some(ConceptKind::Strategy),
                &label,
                &name,
                span,
                sentence,
                Role::Plain,
            );
        }
        taken.push(Span::new(start, list_end));
    }
}

/// The longest national strategy that `name` ends in, when it is longer than it.
fn national_suffix(cx: &Context, name: &str) -> Option<&'static str> {
    cx.lexicon
        .national_strategies
        .keys()
        .filter(|n| name.len() > n.len() && name.ends_with(**n))
        .max_by_key(|n| n.len())
        .copied()
}

/// Where a strategy's name between `start` and the head at `i` begins after a verb
/// or connective that governs it (企业实施品牌国际化战略 → 品牌国际化), if any.
fn governed_from(cx: &Context, sentence: &SentenceView, start: usize, i: usize) -> Option<usize> {
    let text = cx.text;
    (start..i).rev().find_map(|p| {
        let words = cx.lexicon.verbs.iter().chain(&INNER_CONNECTIVES);
        let word = word_at(text, sentence, p, i, words)?;
        let quoted_before = text.chars[start..p].contains(&'“');
        let after = p + word.chars().count();
        // The name's own last word may be a verb: 人口发展战略.
        if !text.at_boundary(sentence, p) || quoted_before || after >= i {
            return None;
        }
        // 创新引领开放崛起战略: a verb followed by a verb is part of a name made
        // of verb phrases; a governing verb takes a nominal object.
        if text
            .token_at(sentence, after)
            .is_some_and(|t| matches!(t.tag, "v" | "vn"))
        {
            return None;
        }
        // 实施强化比较优势战略: a verb right after the strategy verb opens the
        // name, it does not govern it.
        let opens_name = p == start && {
            let before = text.str(Span::new(
                p.saturating_sub(4).max(sentence.span.char_start),
                p,
            ));
            cx.lexicon
                .strategy_verbs
                .iter()
                .any(|v| before.ends_with(v))
        };
        Some(if opens_name { p } else { after })
    })
}

/// Longest item of a list whose items share the kind and head of its last one.
const MAX_SHARED_ITEM: usize = 4;

/// `粮食、能源资源、金融安全战略`: when the last name (`last`, without its head) is
/// a word and a kind (金融|安全) and the items before it are short words, each item
/// with the kind; when it is a national strategy, the national strategies before
/// it (科教兴国、人才强国、创新驱动发展战略); otherwise none.
fn items_sharing_the_kind(
    cx: &Context,
    sentence: &SentenceView,
    last: Span,
) -> Vec<(Span, String)> {
    let text = cx.text;
    if last.char_start <= sentence.span.char_start || text.chars[last.char_start - 1] != '、' {
        return Vec::new();
    }
    let items = clause_items(text, cx.lexicon, sentence, last.char_start - 1, Some(2));
    let national = |span: &Span| {
        cx.lexicon
            .national_strategies
            .contains_key(text.str(*span).as_str())
    };
    // 科教兴国、人才强国、创新驱动发展战略: national strategies, each by its name.
    if national(&last) {
        return items
            .into_iter()
            .filter(national)
            .map(|item| (item, String::new()))
            .collect();
    }
    // Two words, the second a noun of kind; not a set phrase (藏粮于地、藏粮于技).
    let words: Vec<&crate::extract::segment::Token> = sentence
        .tokens
        .iter()
        .filter(|t| last.contains(t.span))
        .collect();
    let [word, kind] = words[..] else {
        return Vec::new();
    };
    if word.span.len() < 2 || !is_nominal(kind.tag) {
        return Vec::new();
    }
    let kind = text.str(kind.span);
    let short = |item: &Span| (1..=MAX_SHARED_ITEM).contains(&item.len());
    if items.iter().all(short) {
        items.into_iter().map(|item| (item, kind.clone())).collect()
    } else {
        Vec::new()
    }
}

/// Names ending in a strategy head.
fn headed(cx: &Context, sentence: &SentenceView, out: &mut Findings, taken: &mut Vec<Span>) {
    let text = cx.text;
    let end = sentence.span.char_end;
    let mut i = sentence.span.char_start;
    while i < end {
        let Some(head) = word_at(text, sentence, i, end, cx.lexicon.strategy_heads.iter()) else {
            i += 1;
            continue;
        };
        let head_end = i + head.chars().count();
        // 战略 modifying a noun (战略机遇期, 战略节点城市, 战略性) is no strategy's name.
        // …战略支撑作用: a verb and a noun after it make a compound too.
        let verb_noun = text.token_at(sentence, head_end).is_some_and(|t| {
            t.tag == "v"
                && text
                    .token_at(sentence, t.span.char_end)
                    .is_some_and(|n| is_nominal(n.tag) || n.tag == "v")
        });
        // A national strategy's whole name is neither stripped nor cut (创新驱动发展
        // 战略: 创新 and 驱动 read as verbs).
        let lead = phrase_start(text, sentence, i);
        let known_name = |from: usize| {
            cx.lexicon
                .national_strategies
                .contains_key(unquote(&text.str(Span::new(from, i))).as_str())
        };
        let whole_known = (lead..i).find(|&p| text.at_boundary(sentence, p) && known_name(p));
        // 纳入乡村振兴战略统筹实施: a national strategy's name ends there all the same.
        let modifies = text.chars.get(head_end) == Some(&'性')
            || (verb_noun && whole_known.is_none())
            || text.inside_token(sentence, head_end)
            || text.token_at(sentence, head_end).is_some_and(|t| {
                is_nominal(t.tag) && !cx.lexicon.verbs.contains(text.str(t.span).as_str())
            });
        if modifies || taken.iter().any(|t| t.contains(Span::new(i, head_end))) {
            i = head_end;
            continue;
        }
        let mut start =
            whole_known.unwrap_or_else(|| strip_lead(text, cx.lexicon, sentence, lead, i, Some(4)));
        // A和B战略: the name is the conjunct next to the head.
        if let Some(p) = (start..i).rev().find(|&p| {
            matches!(text.chars[p], '和' | '与' | '及')
                && text.at_boundary(sentence, p)
                && p + 1 < i
        }) {
            start = p + 1;
        }
        // 企业实施品牌国际化战略: what the name governs starts after the last governing
        // verb or connective inside it; when too little is left (落实国家战略), it
        // names a kind of strategy, not one.
        let mut cut_short = false;
        let cut = match whole_known {
            Some(_) => None,
            None => governed_from(cx, sentence, start, i),
        };
        if let Some(cut) = cut {
            if i - cut >= 3 {
                start = cut;
            } else {
                cut_short = true;
            }
        }
        let written = text.str(Span::new(start, i));
        let mut name = unquote(&written);
        // 国家区域协调发展战略, 常态化帮扶全面纳入乡村振兴战略: the national strategy
        // the name ends in, under its own name.
        if let Some(national) = national_suffix(cx, &name) {
            start = i - national.chars().count();
            name = national.to_owned();
        }
        let quoted = written.starts_with('“') && written.ends_with('”');
        let known = cx.lexicon.national_strategies.contains_key(name.as_str());
        // A name does not open with a verb left over from the clause (把握国省战略).
        let verb_first = text
            .token_at(sentence, start)
            .is_some_and(|t| t.tag == "v" && i.saturating_sub(t.span.char_end) < 3);
        // A name with 的 is a description (…的战略位置), one with 为 a frame
        // (以强大国内市场为战略依托), not a strategy's name.
        // 国家重大战略 says what kind of strategy, not which; …是…, …中… and a name
        // ending in 和 are parts of a clause, not names.
        let inner: Vec<&crate::extract::segment::Token> = sentence
            .tokens
            .iter()
            .filter(|t| Span::new(start, i).contains(t.span))
            .collect();
        // 专项用于国家重大战略: only kind words after the last verb.
        let after_verb = inner
            .iter()
            .rposition(|t| t.tag == "v")
            .map_or(&inner[..], |v| &inner[v + 1..]);
        let generic = cut_short
            || inner
                .iter()
                .all(|t| GENERIC.contains(&text.str(t.span).as_str()))
            || (!after_verb.is_empty()
                && after_verb
                    .iter()
                    .all(|t| GENERIC.contains(&text.str(t.span).as_str())))
            || name.contains('等')
            || inner
                .iter()
                .any(|t| matches!(text.str(t.span).as_str(), "是" | "中") || t.tag == "f")
            || name.ends_with(['和', '与', '及']);
        if quoted
            || known
            || (name.chars().count() >= 3
                && !name.contains(['的', '为'])
                && !verb_first
                && !generic)
        {
            let span = Span::new(start, head_end);
            let role = role_at(cx, sentence, start);
            // A quoted numbered abbreviation is named by itself, whatever noun follows it
            // (“三高四新”战略, “三高四新”美好蓝图): one concept across plans.
            let label = if quoted && crate::extract::abbreviation::is_numbered(&name) {
                name.clone()
            } else {
                label_of(cx, &name, head)
            };
            let id = out.add(
                Some(ConceptKind::Strategy),
                &label,
                &format!("{name}{head}"),
                span,
                sentence,
                role,
            );
            if !name.is_empty() {
                out.concept_mut(id).alt_labels.insert(name.clone());
                out.register_form(&name, id);
            }
            // 实施粮食、能源资源、金融安全战略: the items before share the kind and head.
            for (item, kind) in items_sharing_the_kind(cx, sentence, Span::new(start, i)) {
                let item_name = format!("{}{kind}", text.str(item));
                out.add(
                    Some(ConceptKind::Strategy),
                    &label_of(cx, &item_name, head),
                    &text.str(item),
                    item,
                    sentence,
                    role,
                );
            }
            if quoted && name.contains('、') {
                // “创新驱动、转型升级”总战略: each half is a strategy and a part.
                let inner = Span::new(start + 1, i - 1);
                for part in split_enumeration(text, inner) {
                    let part_name = unquote(&text.str(part));
                    let part_id = out.add(
                        Some(ConceptKind::Strategy),
                        &part_name,
                        &part_name,
                        part,
                        sentence,
                        Role::Plain,
                    );
                    out.relate(
                        id,
                        Predicate::HasPart,
                        part_id,
                        Some(crate::extract::Evidence {
                            sentence: sentence.index,
                            span,
                        }),
                        "quoted-slogan",
                    );
                }
            }
            taken.push(span);
        }
        i = head_end;
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::ConceptKind::Strategy;
    use crate::extract::Predicate;
    use crate::extract::testing::{check, extract, related};

    const TITLE: &str = "某市委全会公报\n";

    #[test]
    fn names_before_a_strategy_head() {
        check(
            &format!("{TITLE}全会提出，要深入实施科教兴国战略、人才强国战略，推动经济发展。"),
            Strategy,
            &["人才强国战略", "科教兴国战略"],
        );
        // A verb right after 实施 opens the name; one inside it governs the rest.
        check(
            &format!("{TITLE}深入实施强化比较优势战略，支持企业实施品牌国际化战略。"),
            Strategy,
            &["品牌国际化战略", "强化比较优势战略"],
        );
        // 按照 is a frame, a quoted abbreviation is named by itself, and a national
        // strategy of general words is still one.
        check(
            &format!("{TITLE}按照“五位一体”总体布局，以区域发展总体战略为基础，推动发展。"),
            Strategy,
            &["五位一体", "区域发展总体战略"],
        );
        // A verb followed by a verb does not govern: the name is made of verb phrases.
        check(
            &format!("{TITLE}深入实施创新引领开放崛起战略，推动发展。"),
            Strategy,
            &["创新引领开放崛起战略"],
        );
        check(
            &format!("{TITLE}统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局，推动发展。"),
            Strategy,
            &["五位一体", "四个全面"],
        );
    }

    #[test]
    fn items_before_a_strategy_share_its_kind() {
        check(
            &format!(
                "{TITLE}实施粮食、能源资源、金融安全战略，深入实施科教兴国、人才强国、创新驱动发展战略。"
            ),
            Strategy,
            &[
                "人才强国战略",
                "创新驱动发展战略",
                "科教兴国战略",
                "粮食安全战略",
                "能源资源安全战略",
                "金融安全战略",
            ],
        );
        // A national strategy's name ends at its head whatever follows it.
        check(
            &format!("{TITLE}把常态化帮扶纳入乡村振兴战略统筹实施，守牢底线。"),
            Strategy,
            &["乡村振兴战略"],
        );
    }

    #[test]
    fn a_strategy_modifying_a_noun_is_no_name() {
        check(
            &format!("{TITLE}我市发展仍处于重要战略机遇期，要把握国省战略叠加的机遇，推动发展。"),
            Strategy,
            &[],
        );
        check(
            &format!("{TITLE}要发挥国有经济战略支撑作用，推动发展。"),
            Strategy,
            &[],
        );
    }

    #[test]
    fn lists_marked_as_national_strategies() {
        check(
            &format!(
                "{TITLE}京津冀协同发展、黄河流域生态保护和高质量发展等国家战略交汇，推动发展。"
            ),
            Strategy,
            &["京津冀协同发展", "黄河流域生态保护和高质量发展"],
        );
    }

    #[test]
    fn national_strategies_named_without_the_word() {
        check(
            &format!("{TITLE}联动推进长三角一体化发展和长江经济带发展，推动发展。"),
            Strategy,
            &["长三角一体化发展", "长江经济带发展"],
        );
        // A place inside the name is no mention of it (长江经济带高质量发展).
        check(
            &format!("{TITLE}推动长江经济带高质量发展，推动发展。"),
            Strategy,
            &[],
        );
    }

    #[test]
    fn lists_closed_by_a_bare_strategy_word() {
        check(
            &format!(
                "{TITLE}认真落实党中央关于促进中部地区加快崛起、东部地区加快推进现代化等战略，提升发展水平。"
            ),
            Strategy,
            &["东部地区加快推进现代化", "中部地区加快崛起"],
        );
        // 等战略 opening a longer noun closes no list of strategies.
        check(
            &format!(
                "{TITLE}建设国家实验室、全国重点实验室等战略科技力量，涉及信息、生物等战略的产业领域。"
            ),
            Strategy,
            &[],
        );
    }

    #[test]
    fn national_names_stay_whole_and_kinds_name_none() {
        check(
            &format!("{TITLE}深入实施科教兴省、人才强省、创新驱动发展战略，促进科技创新。"),
            Strategy,
            &["创新驱动发展战略"],
        );
        check(
            &format!("{TITLE}发行超长期特别国债，专项用于国家重大战略实施。"),
            Strategy,
            &[],
        );
    }

    #[test]
    fn quoted_slogans_have_their_halves_as_parts() {
        let e = extract(&format!(
            "{TITLE}坚定实施“开放引领、创新驱动”总战略，推动发展。"
        ));
        assert!(
            related(
                &e,
                "开放引领、创新驱动总战略",
                Predicate::HasPart,
                "创新驱动"
            ),
            "{:?}",
            e.relations
        );
    }

    #[test]
    fn the_verb_before_a_strategy_marks_it_carried_out() {
        let e = extract(&format!(
            "{TITLE}全会提出，落实区域协调发展战略、主体功能区战略，推动发展。"
        ));
        let label = |f: &crate::extract::Mention| e.concept(f.concept).label.clone();
        assert!(e.mentions.iter().any(|m| label(m) == "主体功能区战略"));
    }
}
