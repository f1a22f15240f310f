//! Programmes, projects and actions by their head nouns (…工程, …计划, …行动,
//! …攻坚战, …专项行动). Enumerated items of numbered programmes (七大工程) are
//! found with their abbreviation.

use crate::extract::lexicon::Lexicon;
use crate::extract::phrase::{
    after_last_word, clause_items, clause_start, phrase_start, skip_count, strip_lead, unquote,
    word_at,
};
use crate::extract::segment::is_nominal;
use crate::extract::text::SentenceView;
use crate::extract::{ConceptKind, Context, Findings, Role};
use crate::span::Span;

pub(crate) fn find(cx: &Context, out: &mut Findings) {
    let text = cx.text;
    for sentence in &text.sentences {
        let end = sentence.span.char_end;
        let mut i = sentence.span.char_start;
        while i < end {
            let Some(head) = word_at(text, sentence, i, end, cx.lexicon.project_heads.iter())
            else {
                i += 1;
                continue;
            };
            let head_end = i + head.chars().count();
            // A head modifying a noun (行动纲领, 计划单列市) names no programme; one
            // that closes a quote ends the name (“千万工程”经验).
            let closes_quote = text.chars.get(head_end) == Some(&'”');
            let modifies = !closes_quote
                && (text.inside_token(sentence, head_end)
                    || text.token_at(sentence, head_end).is_some_and(|t| {
                        is_nominal(t.tag) && !cx.lexicon.verbs.contains(text.str(t.span).as_str())
                    }));
            let start = strip_lead(
                text,
                cx.lexicon,
                sentence,
                phrase_start(text, sentence, i),
                i,
                Some(2),
            );
            // 聚焦硬设施和软平台实施“人工智能+”行动: the name starts after the verb
            // that carries it out.
            let start = after_last_word(text, sentence, start, i, &STARTS_PROGRAMME, |p, after| {
                text.at_boundary(sentence, p) && i - after >= 2
            })
            .unwrap_or(start);
            // 坚决打赢脱贫攻坚战, 全力打好A、防范化解重大风险攻坚战: a campaign's name
            // starts after the verb that fights it, and keeps the verbs of its aim.
            let start = if is_campaign(head) {
                let lead = phrase_start(text, sentence, i);
                let clause = clause_start(text, sentence, i);
                after_last_word(text, sentence, clause, i, &FIGHTS, |_, _| true)
                    .map_or(start, |after| after.max(lead))
            } else {
                start
            };
            // A行动和B行动: the second programme's name starts after 和.
            let start = after_programme(cx, sentence, Span::new(start, i)).unwrap_or(start);
            let name = unquote(&text.str(Span::new(start, i)));
            if !modifies {
                listed_with_deng(cx, sentence, Span::new(start, i), head, out);
            }
            // 抓好项目, 打赢攻坚战: a verb and the head name no programme, but a
            // campaign is named by the aim it fights for (脱贫攻坚战).
            let bare_verb = text.token_at(sentence, start).is_some_and(|t| {
                t.tag == "v"
                    && t.span.char_end >= i
                    && (!is_campaign(head) || cx.lexicon.verbs.contains(text.str(t.span).as_str()))
            });
            // A name with 的 describes; one with 等 ends a list (北斗产业化等重大工程);
            // an adverb names nothing (全力攻坚); public works need a proper name.
            let works = cx.lexicon.works_heads.contains(head);
            if !modifies
                && !bare_verb
                && name.chars().count() >= 2
                && !name.contains(['的', '等'])
                && !cx.lexicon.adverbs.contains(name.as_str())
                && (!works || proper_name(cx, sentence, Span::new(start, i)))
            {
                let label = format!("{name}{head}");
                let span = Span::new(start, head_end);
                // A programme serves the goal of the paragraph that sets it up.
                out.add(
                    Some(ConceptKind::Project),
                    &label,
                    &label,
                    span,
                    sentence,
                    Role::Programme,
                );
                // 蓝天、碧水、净土保卫战: the items before share the head.
                for item in items_sharing_the_head(cx, sentence, Span::new(start, i), head)
                    .into_iter()
                    .filter(|item| !works || proper_name(cx, sentence, *item))
                {
                    let label = format!("{}{head}", unquote(&text.str(item)));
                    let written = text.str(item);
                    out.add(
                        Some(ConceptKind::Project),
                        &label,
                        &written,
                        item,
                        sentence,
                        Role::Programme,
                    );
                }
            }
            i = head_end;
        }
    }
}

/// Longest name of one end of a line (乌兰浩特至阿尔山铁路).
const MAX_END_POINT_CHARS: usize = 6;

/// Whether `span` is a proper name of public works: a route (日照至五莲), a place
/// (平凉), or one word jieba's dictionary does not know, as the abbreviations of
/// the places a line joins are not (雄商, 定平); not a kind (城际, 重点, 沿江).
fn proper_name(cx: &Context, sentence: &SentenceView, span: Span) -> bool {
    let text = cx.text;
    let name = text.str(span);
    let place = |word: &str| cx.gazetteer.resolve(word, None).is_some();
    // 一干两支机场 counts, G214加卡至邦达机场 runs over a clause (五莲 is a name).
    if name.chars().any(|c| c.is_ascii_digit())
        || name
            .chars()
            .next()
            .is_some_and(crate::extract::numerals::is_numeral)
        || name.contains(['和', '与', '及'])
    {
        return false;
    }
    if let Some((from, to)) = name.split_once('至') {
        let end_point = |s: &str| (1..=MAX_END_POINT_CHARS).contains(&s.chars().count());
        return end_point(from) && end_point(to);
    }
    let words: Vec<&crate::extract::segment::Token> = sentence
        .tokens
        .iter()
        .filter(|t| span.contains(t.span))
        .collect();
    match words[..] {
        [word] => {
            let written = text.str(word.span);
            place(&written)
                || (!text.segmenter.has_word(&written)
                    && !matches!(word.tag, "f" | "b" | "a" | "v" | "d" | "m"))
        }
        _ => place(&name),
    }
}

/// `A、B等项目`, `A、B等N个工程`: each item of a list closed by 等 and a programme
/// head is a programme. 项目 names nothing the items do not: each is named by
/// itself (比亚迪、吉利汽车零部件等项目 → 比亚迪, with 比亚迪项目 as another form),
/// and only a name of three or more characters counts (交通、能源等项目 lists kinds
/// of project); any other head, with the word of kind before it, goes with every
/// item (…、330千伏沣渭等输变电工程 → 330千伏沣渭输变电工程).
fn listed_with_deng(
    cx: &Context,
    sentence: &SentenceView,
    before_head: Span,
    head: &str,
    out: &mut Findings,
) {
    let text = cx.text;
    let Some(deng) = (before_head.char_start..before_head.char_end)
        .rev()
        .find(|&p| text.chars[p] == '等')
    else {
        return;
    };
    // Between 等 and the head, a count (4个, 6处) and a word that says what kind
    // (输变电), not one that only ranks (重大, 重点).
    let after_count = skip_count(text, deng + 1, before_head.char_end);
    let kind = text.str(Span::new(after_count, before_head.char_end));
    // A word that only ranks says no kind: the items take the bare head
    // (农田水利、饮水安全等重点工程 → 农田水利工程), but not 项目, which names
    // nothing the items do not (A、B等重大项目 lists all kinds of things).
    let kind = if RANKS.contains(&kind.as_str()) && head != "项目" {
        String::new()
    } else {
        kind
    };
    if RANKS.iter().any(|r| kind.contains(r))
        || kind.contains(['的', '个'])
        || kind.chars().count() > MAX_KIND_CHARS
    {
        return;
    }
    let bare = head == "项目";
    let head = format!("{kind}{head}");
    let lead_start = clause_start(text, sentence, deng);
    let mut items = clause_items(text, cx.lexicon, sentence, deng, Some(2));
    if let Some(first) = items.first_mut() {
        let stripped = first.char_start;
        // A number in figures opens the name (750千伏定靖西); 一批 counts.
        first.char_start = sentence
            .tokens
            .iter()
            .find(|t| {
                t.span.char_end == stripped
                    && t.span.char_start >= lead_start
                    && text.chars[t.span.char_start].is_ascii_digit()
            })
            .map_or(stripped, |t| t.span.char_start);
    }
    for item in items {
        let name = unquote(&text.str(item));
        let min_chars = if bare { 3 } else { 2 };
        // An item with a verb of the genre before its end is a clause (企业加快
        // 建设新型基础设施), not a name.
        let clause = sentence.tokens.iter().any(|t| {
            item.contains(t.span)
                && t.span.char_end < item.char_end
                && cx.lexicon.verbs.contains(text.str(t.span).as_str())
        });
        if name.chars().count() < min_chars || name.contains('的') || clause {
            continue;
        }
        let label = if bare || name.ends_with(head.as_str()) {
            name.clone()
        } else {
            format!("{name}{head}")
        };
        let id = out.add(
            Some(ConceptKind::Project),
            &label,
            &name,
            item,
            sentence,
            Role::Programme,
        );
        out.concept_mut(id)
            .alt_labels
            .insert(format!("{name}{head}"));
    }
}

/// Verbs after which a programme's name begins inside a longer phrase (…实施X行动,
/// 开展X专项行动). Not `phrase::CARRY_OUT`: its 打好, 打赢, 落实 and 贯彻 would also
/// cut names here (三要深入打好污染防治攻坚战 → 污染防治攻坚战), a change not yet weighed
/// against the golds.
const STARTS_PROGRAMME: [&str; 2] = ["实施", "开展"];

/// Where a name starts in `span` after a programme and 和 (A行动和B行动,
/// “玉如意计划”和贷款畅通工程), if one goes before it.
fn after_programme(cx: &Context, sentence: &SentenceView, span: Span) -> Option<usize> {
    let text = cx.text;
    (span.char_start..span.char_end)
        .rev()
        .find(|&p| {
            matches!(text.chars[p], '和' | '与' | '及')
                && text.at_boundary(sentence, p)
                && Lexicon::head_of(
                    &cx.lexicon.project_heads,
                    &unquote(&text.str(Span::new(span.char_start, p))),
                )
                .is_some()
        })
        .map(|p| p + 1)
}

/// Whether `head` names a campaign (…攻坚战, …保卫战, …持久战), which is named by
/// its aim.
fn is_campaign(head: &str) -> bool {
    head.ends_with('战')
}

/// Verbs that fight a campaign (…攻坚战, …保卫战, …持久战).
const FIGHTS: [&str; 3] = ["打好", "打赢", "打胜"];

/// Words that rank programmes without saying what kind they are.
const RANKS: [&str; 4] = ["重大", "重点", "重要", "骨干"];
/// Longest word of kind between 等 and a programme head (输变电工程).
const MAX_KIND_CHARS: usize = 4;

/// Longest item of a list that shares one programme head (蓝天、碧水、净土保卫战),
/// and of one that shares a campaign's head (产业转型升级、防范化解重大风险攻坚战),
/// which names each campaign by its aim.
const MAX_SHARED_ITEM: usize = 4;
const MAX_SHARED_CAMPAIGN: usize = 8;

/// The items of `A、B、C保卫战` before the last one (`last`, without the head),
/// when every item is short and has no head of its own; otherwise none.
fn items_sharing_the_head(
    cx: &Context,
    sentence: &SentenceView,
    last: Span,
    head: &str,
) -> Vec<Span> {
    let text = cx.text;
    let longest = if is_campaign(head) {
        MAX_SHARED_CAMPAIGN
    } else {
        MAX_SHARED_ITEM
    };
    let fits = |item: &Span| {
        (1..=longest).contains(&item.len())
            && Lexicon::head_of(&cx.lexicon.project_heads, &text.str(*item)).is_none()
    };
    if last.char_start <= sentence.span.char_start
        || text.chars[last.char_start - 1] != '、'
        || !fits(&last)
    {
        return Vec::new();
    }
    let list_end = last.char_start - 1;
    // The first item follows the clause's verb (深入打好蓝天).
    let mut items = clause_items(text, cx.lexicon, sentence, list_end, Some(2));
    // A攻坚战和B、C持久战: the list begins after the programme before it.
    if let Some((k, after)) = items
        .iter()
        .enumerate()
        .rev()
        .find_map(|(k, item)| Some((k, after_programme(cx, sentence, *item)?)))
    {
        items.drain(..k);
        items[0].char_start = after;
    }
    if let Some(first) = items.first_mut()
        && let Some(verb) = word_at(
            text,
            sentence,
            first.char_start,
            first.char_end,
            FIGHTS.iter(),
        )
    {
        first.char_start += verb.chars().count();
    }
    if items.iter().all(fits) {
        items
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::ConceptKind::Project;
    use crate::extract::testing::check;

    const TITLE: &str = "某省政府工作报告\n";

    #[test]
    fn items_of_a_list_share_its_programme_head() {
        check(
            &format!("{TITLE}深入打好蓝天、碧水、净土保卫战，实施乡村建设行动、城市更新行动。"),
            Project,
            &[
                "蓝天保卫战",
                "碧水保卫战",
                "净土保卫战",
                "乡村建设行动",
                "城市更新行动",
            ],
        );
    }

    #[test]
    fn items_of_a_list_closed_by_deng_are_programmes() {
        check(
            &format!(
                "{TITLE}（一）扩大投资。加快比亚迪、吉利汽车零部件等项目建设，推进交通、能源等项目建设，开工750千伏定靖西、330千伏沣渭等输变电工程。"
            ),
            Project,
            &[
                "330千伏沣渭输变电工程",
                "750千伏定靖西输变电工程",
                "吉利汽车零部件",
                "比亚迪",
            ],
        );
        // A word that only ranks gives the items the bare head, except 项目.
        check(
            &format!(
                "{TITLE}（一）推进农村建设。着力抓好农田水利、饮水安全等重点工程，推进交通、能源等重大项目。"
            ),
            Project,
            &["农田水利工程", "饮水安全工程"],
        );
        // Verbs of construction open no name; a count in figures counts more than
        // the list names, and the clause before is no item.
        check(
            &format!(
                "{TITLE}（一）扩大投资。公路方面，新开工晏城至表白寺等2个项目，提速庆云至章丘等23个续建项目。"
            ),
            Project,
            &["庆云至章丘", "晏城至表白寺"],
        );
    }

    #[test]
    fn a_programme_starts_after_the_verb_that_carries_it_out() {
        check(
            &format!(
                "{TITLE}（一）推进乡村振兴。学习运用“千万工程”经验，聚焦硬设施和软平台实施“人工智能+”行动。"
            ),
            Project,
            &["人工智能+行动", "千万工程"],
        );
    }

    #[test]
    fn programmes_by_their_heads() {
        check(
            &format!(
                "{TITLE}（一）推进乡村振兴。深入实施乡村建设行动，打好种业翻身仗攻坚战，谋划实施一批重点水利工程，组织好就业促进计划。"
            ),
            Project,
            &[
                "乡村建设行动",
                "种业翻身仗攻坚战",
                "重点水利工程",
                "就业促进计划",
            ],
        );
        // Campaigns listed with their heads shared: each is named by its aim, verbs
        // and all, after the verb that fights it; an adverb before a head names none.
        check(
            &format!(
                "{TITLE}（一）防范风险。全力打好产业转型升级、防范化解重大风险攻坚战和乡村全面振兴、边疆治理持久战，越要全力攻坚。"
            ),
            Project,
            &[
                "产业转型升级攻坚战",
                "乡村全面振兴持久战",
                "边疆治理持久战",
                "防范化解重大风险攻坚战",
            ],
        );
        // A campaign is named by its aim, even a verb; a verb of the genre names none.
        check(
            &format!("{TITLE}（一）推进乡村振兴。坚决打赢脱贫攻坚战，确保打赢攻坚战，抓好项目。"),
            Project,
            &["脱贫攻坚战"],
        );
        check(
            &format!("{TITLE}（二）加强基础研究。制定实施基础研究十年行动方案。"),
            Project,
            &["基础研究十年行动方案"],
        );
    }

    #[test]
    fn a_programme_after_another_and_he_is_named_alone() {
        check(
            &format!("{TITLE}（一）用好政策。深入实施企业挂牌上市“玉如意计划”和贷款畅通工程。"),
            Project,
            &["玉如意计划", "贷款畅通工程"],
        );
    }

    #[test]
    fn public_works_under_proper_names_are_projects() {
        check(
            &format!(
                "{TITLE}（一）扩大投资。推动平庆铁路、兰合铁路建设，加快城际铁路建设，建成雄商、济滨高铁，开工日照至五莲铁路，建设一干两支机场。"
            ),
            Project,
            &[
                "兰合铁路",
                "平庆铁路",
                "日照至五莲铁路",
                "济滨高铁",
                "雄商高铁",
            ],
        );
    }

    #[test]
    fn a_head_inside_a_longer_word_is_no_programme() {
        check(
            &format!("{TITLE}（一）推进发展。制定行动纲领，发展工程机械产业。"),
            Project,
            &[],
        );
    }
}
