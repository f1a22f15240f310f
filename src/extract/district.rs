//! Places: administrative divisions through the gazetteer, the plan's own region
//! named by deixis (我省, 我市), and named regions, clusters, belts, zones and parks
//! by their head nouns (…城市群, …经济带, …示范区, …老工业区).

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::gazetteer::{AdminLevel, Division};
use crate::extract::phrase::{
    after_last_word, phrase_start, set_phrase_verb, strip_lead, unquote, word_at,
};
use crate::extract::text::SentenceView;
use crate::extract::{ConceptId, ConceptKind, Context, Findings, Role};
use crate::span::Span;

/// Broad regions named by a direction or a character (中部地区, 中西部地区, 内陆地区).
static REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?:[东中西]{1,3}部|东北|内陆|沿海|边疆|民族|革命老区|老少边穷|欠发达)地区").unwrap()
});

/// Frames and copulas after which a place's name begins inside a longer phrase.
const INNER_FRAMES: [&str; 4] = ["在", "以", "成为", "作为"];

/// Suffixes whose stem names the same place on its own (长株潭城市群 → 长株潭).
const STEM_SUFFIXES: [&str; 3] = ["城市群", "都市圈", "经济圈"];

pub(crate) fn find(cx: &Context, out: &mut Findings) {
    let region = cx
        .metadata
        .region_code
        .and_then(|c| cx.gazetteer.by_code(c));
    for sentence in &cx.text.sentences {
        divisions(cx, region, sentence, out);
        named_places(cx, sentence, out);
        for m in REGION.find_iter(cx.text.doc.text_of(sentence.span)) {
            let text = cx.text.doc.text_of(sentence.span);
            let start = sentence.span.char_start + text[..m.start()].chars().count();
            let span = Span::new(start, start + m.as_str().chars().count());
            out.add(
                Some(ConceptKind::District),
                m.as_str(),
                m.as_str(),
                span,
                sentence,
                Role::Plain,
            );
        }
    }
    regions(cx, out);
    province_parts(cx, out);
    stems(cx, out);
    // The plan's region belongs to the graph even when the text does not name it
    // (the plan is about it); the regions above it only when named.
    if let Some(region) = region {
        add_division(out, region, None);
    }
}

/// Records a division under its official name, with its code.
fn add_division(
    out: &mut Findings,
    division: &Division,
    mention: Option<(&str, Span, &SentenceView)>,
) -> ConceptId {
    let id = match mention {
        Some((form, span, sentence)) => out.add(
            Some(ConceptKind::District),
            &division.name,
            form,
            span,
            sentence,
            Role::Plain,
        ),
        None => out.add_unmentioned(ConceptKind::District, &division.name),
    };
    out.concept_mut(id).division_code = Some(division.code);
    id
}

/// Longest insertion in brackets inside a place's name (中国（甘肃）自由贸易试验区).
const MAX_BRACKETED_CHARS: usize = 6;

/// Where the phrase before a head at `i` starts, running on over a short insertion
/// in brackets right before the head (中国（甘肃）自由贸易试验区).
fn bracketed_start(cx: &Context, sentence: &SentenceView, i: usize) -> usize {
    let text = cx.text;
    let start = phrase_start(text, sentence, i);
    if start == 0 || text.chars[start - 1] != '）' {
        return start;
    }
    let close = start - 1;
    let open = (close.saturating_sub(MAX_BRACKETED_CHARS + 1)..close)
        .rev()
        .find(|&p| text.chars[p] == '（');
    match open {
        Some(open)
            if open > sentence.span.char_start && phrase_start(text, sentence, open) < open =>
        {
            phrase_start(text, sentence, open)
        }
        _ => start,
    }
}

/// Divisions the gazetteer knows, and deixis for the plan's own region.
fn divisions(cx: &Context, region: Option<&Division>, sentence: &SentenceView, out: &mut Findings) {
    for token in &sentence.tokens {
        let word = cx.text.str(token.span);
        let division = if cx.lexicon.deixis.contains(word.as_str()) {
            deixis(cx, region, &word)
        } else {
            cx.gazetteer
                .resolve(&word, region.map(|r| r.code))
                // A short name counts only where jieba reads it as a place (合作 is
                // also a word, 合作市 only a place), or, for a city or province, as a
                // noun (jieba tags some cities as names, 娄底/nr, or nouns, 宝鸡/n);
                // and a county's short name only inside the plan's province (太湖
                // in a Jiangsu plan is the lake, not 安庆's 太湖县).
                .filter(|d| {
                    // 长治久安: a name that is the start of a longer word is not one.
                    let in_word = || {
                        cx.text
                            .token_at(sentence, token.span.char_end)
                            .is_some_and(|next| {
                                cx.text
                                    .segmenter
                                    .has_word(&format!("{word}{}", cx.text.str(next.span)))
                            })
                    };
                    d.name == word
                        || ((token.tag == "ns"
                            || (d.level <= AdminLevel::City
                                && matches!(token.tag, "nr" | "n" | "nz" | "j")
                                && !in_word()))
                            && (d.level <= AdminLevel::City || within_province(cx, region, d)))
                })
        };
        if let Some(division) = division {
            add_division(out, division, Some((&word, token.span, sentence)));
        }
    }
}

/// Whether `d` lies in the province of the plan's region (true when the plan is
/// national or its region unknown).
fn within_province(cx: &Context, region: Option<&Division>, d: &Division) -> bool {
    let Some(region) = region else {
        return true;
    };
    let province = std::iter::once(region)
        .chain(cx.gazetteer.ancestors(region))
        .find(|a| a.level == AdminLevel::Province);
    province.is_none_or(|p| cx.gazetteer.contains(p.code, d.code))
}

/// The division a deictic word names: 我国 the nation, 我省 the plan's province,
/// 我市 its city, 我县 its county.
fn deixis<'g>(cx: &'g Context, region: Option<&'g Division>, word: &str) -> Option<&'g Division> {
    if word.ends_with('国') {
        return Some(cx.gazetteer.nation());
    }
    let level = match word.chars().last()? {
        '省' => AdminLevel::Province,
        '市' => AdminLevel::City,
        '县' => AdminLevel::County,
        // 我区: an autonomous region or a city district, whichever the plan is for.
        '区' => return region.filter(|r| r.level != AdminLevel::Nation),
        _ => return None,
    };
    let region = region?;
    std::iter::once(region)
        .chain(cx.gazetteer.ancestors(region))
        .find(|d| d.level == level)
}

/// Named places by their head nouns.
fn named_places(cx: &Context, sentence: &SentenceView, out: &mut Findings) {
    let text = cx.text;
    let end = sentence.span.char_end;
    let mut i = sentence.span.char_start;
    while i < end {
        // The head ends the name: 产业园 in 产业园区 does not (园区 is a word).
        let ends_name = |h: &str| {
            let after = i + h.chars().count();
            let last = h.chars().last().unwrap_or_default();
            text.word_ends(sentence, after)
                && !text
                    .chars
                    .get(after)
                    .is_some_and(|&next| text.segmenter.has_word(&format!("{last}{next}")))
        };
        let head = cx
            .lexicon
            .district_heads
            .iter()
            .find(|h| text.starts_with_at(i, end, h) && ends_name(h));
        let Some(head) = head else {
            i += 1;
            continue;
        };
        let head_end = i + head.chars().count();
        let start = strip_lead(
            cx.text,
            cx.lexicon,
            sentence,
            bracketed_start(cx, sentence, i),
            i,
            Some(2),
        );
        // A和B经济带: the name is the conjunct next to the head (和 a word of its
        // own: not in 和林格尔).
        let start = (start..i)
            .rev()
            .find(|&p| {
                matches!(text.chars[p], '和' | '与' | '及')
                    && text
                        .token_at(sentence, p)
                        .is_some_and(|t| t.span.len() == 1)
            })
            .map_or(start, |p| {
                strip_lead(cx.text, cx.lexicon, sentence, p + 1, i, Some(2))
            });
        // 标志性项目在雄安新区, 我省成为国家首批…试验区: the name starts after a frame
        // or a copula inside the phrase.
        let start = after_last_word(text, sentence, start, i, &INNER_FRAMES, |p, _| {
            text.at_boundary(sentence, p)
        })
        .unwrap_or(start);
        // 参与中国—东盟自贸区: a verb left before the name goes; 打造高新区: a verb
        // of the genre and a kind of place name no place.
        let genre_verb_end = word_at(text, sentence, start, i, cx.lexicon.verbs.iter())
            .map(|v| start + v.chars().count())
            .or_else(|| set_phrase_verb(text, cx.lexicon, sentence, start));
        let verb_end = genre_verb_end.or_else(|| {
            // jieba tags some places as verbs (包头/v): a place stays.
            text.token_at(sentence, start)
                .filter(|t| {
                    t.tag == "v"
                        && t.span.len() >= 2
                        && cx.gazetteer.resolve(&text.str(t.span), None).is_none()
                })
                .map(|t| t.span.char_end)
        });
        let (start, verb_only) = match verb_end {
            Some(end) if i.saturating_sub(end) >= 2 => (end, false),
            Some(_) => (start, genre_verb_end.is_some()),
            None => (start, false),
        };
        // 以西咸一体化为牵引加快西安都市圈: the name follows the 以…为… frame.
        let start = if text.chars[start] == '以'
            && let Some(wei) = (start + 1..i).find(|&p| text.chars[p] == '为')
            && let Some(frame_end) = text.token_at(sentence, wei + 1).map(|t| t.span.char_end)
            && frame_end < i
        {
            strip_lead(cx.text, cx.lexicon, sentence, frame_end, i, Some(2))
        } else {
            start
        };
        // 威海创建国际康养旅游试验区: a goal verb inside the phrase governs the name.
        // 创建为X: the copula goes with the verb.
        let with_copula = |after: usize| after + usize::from(text.chars[after] == '为');
        let start = after_last_word(
            text,
            sentence,
            start,
            i,
            &cx.lexicon.goal_verbs,
            |p, after| p > start && text.at_boundary(sentence, p) && i - with_copula(after) >= 3,
        )
        .map_or(start, with_copula);
        // 建设一批现代设施农业片区: a quantity is no part of the name.
        let start = if text.starts_with_at(start, i, "一批") {
            start + 2
        } else {
            start
        };
        let name = text.str(Span::new(start, i));
        let stem = unquote(&name);
        // 雨湖、岳塘、九华3个产业园: a count, whose head the items take.
        let counted = stem.ends_with('个')
            && stem
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit() || crate::extract::numerals::is_numeral(c));
        // The tail of a range (1—2个现代农业产业园) names nothing.
        let broken = stem.starts_with(['—', '-', '～', '~'])
            || stem
                .chars()
                .nth(1)
                .is_some_and(|c| matches!(c, '—' | '-' | '～' | '~'));
        // 各类开发区 names a kind; 西安、杨凌等建设…保税区 sums up a list.
        let kind = ["各类", "各级", "各地"].iter().any(|w| stem.starts_with(w));
        if stem.chars().count() >= 2
            && !name.contains(['的', '等'])
            && !kind
            && !counted
            && !verb_only
            && !broken
        {
            let span = Span::new(start, head_end);
            let label = format!("{stem}{head}");
            out.add(
                Some(ConceptKind::District),
                &label,
                &label,
                span,
                sentence,
                Role::Plain,
            );
        }
        i = head_end;
    }
}

/// Directions after a province's abbreviation that name a part of it.
const DIRECTIONS: [&str; 9] = ["东北", "西北", "东南", "西南", "东", "南", "西", "北", "中"];

/// Parts of a province named by its abbreviation and a direction (陕北, 皖北地区,
/// 苏南), as a word of their own that names no division (云南, 甘南 do).
fn province_parts(cx: &Context, out: &mut Findings) {
    let text = cx.text;
    for sentence in &text.sentences {
        for token in &sentence.tokens {
            let word = text.str(token.span);
            let mut chars = word.chars();
            let Some(first) = chars.next() else {
                continue;
            };
            let rest: String = chars.collect();
            // A municipality's parts are its districts; 京东 is a company.
            let province = cx.lexicon.province_abbreviations.get(&first);
            if province.is_none_or(|p| p.ends_with('市'))
                || !DIRECTIONS.contains(&rest.as_str())
                || cx.gazetteer.resolve(&word, None).is_some()
            {
                continue;
            }
            // 皖北地区: the written form takes 地区 along.
            let end = token.span.char_end;
            let with_area = text.starts_with_at(end, sentence.span.char_end, "地区");
            let span = Span::new(token.span.char_start, if with_area { end + 2 } else { end });
            let id = out.add(
                Some(ConceptKind::District),
                &word,
                &text.str(span),
                span,
                sentence,
                Role::Plain,
            );
            if with_area {
                out.concept_mut(id).alt_labels.insert(text.str(span));
            }
        }
    }
}

/// Bare stems of clusters (长株潭 for 长株潭城市群) name the same place wherever they stand.
fn stems(cx: &Context, out: &mut Findings) {
    let stems: Vec<(String, ConceptId)> = out
        .concepts()
        .filter(|(_, c)| c.kinds.contains(&ConceptKind::District))
        .filter_map(|(id, c)| {
            let stem = STEM_SUFFIXES.iter().find_map(|s| c.label.strip_suffix(s))?;
            (stem.chars().count() >= 2).then(|| (stem.to_owned(), id))
        })
        .collect();
    for (stem, id) in stems {
        let label = out.concept(id).label.clone();
        for sentence in &cx.text.sentences {
            for pos in cx.text.find_all(sentence.span, &stem) {
                let end = pos + stem.chars().count();
                let span = Span::new(pos, end);
                if cx.text.at_boundary(sentence, pos)
                    && cx.text.at_boundary(sentence, end)
                    && !out.is_mentioned(id, span)
                {
                    out.add(
                        Some(ConceptKind::District),
                        &label,
                        &stem,
                        span,
                        sentence,
                        Role::Plain,
                    );
                }
            }
        }
    }
}

/// The regions of national plans (京津冀, 长三角), wherever they stand as a word:
/// 加快推动京津冀协同发展 names 京津冀.
fn regions(cx: &Context, out: &mut Findings) {
    let text = cx.text;
    for sentence in &text.sentences {
        for &region in &cx.lexicon.regions {
            for pos in text.find_all(sentence.span, region) {
                let span = Span::new(pos, pos + region.chars().count());
                if text.at_boundary(sentence, pos)
                    && !out.mentions_kind_at(ConceptKind::District, span)
                {
                    out.add(
                        Some(ConceptKind::District),
                        region,
                        region,
                        span,
                        sentence,
                        Role::Plain,
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::ConceptKind::District;
    use crate::extract::Predicate;
    use crate::extract::testing::{check, extract, labels, related};

    #[test]
    fn named_places_by_their_heads() {
        check(
            "某市委全会公报\n全会提出，要融入成渝地区双城经济圈，支持雄安新区和横琴粤澳深度合作区发展。",
            District,
            &["成渝地区双城经济圈", "雄安新区"],
        );
        check(
            "某市委全会公报\n要推动中部地区和西部地区协调发展，引导人口在中西部地区就近城镇化。",
            District,
            &["中部地区", "中西部地区", "西部地区"],
        );
        // A verb and a kind of place name none; a frame inside the phrase is no
        // part of the name.
        check(
            "某省政府工作报告\n打造高新区，推进自贸试验区建设，推动标志性项目在雄安新区落地。",
            District,
            &["雄安新区"],
        );
        // The name follows a 以…为… frame; a kind of place or a list's sum is none.
        check(
            "某省政府工作报告\n以西咸一体化为牵引加快西安都市圈建设，规范各类开发区，治理松花江等重点流域。",
            District,
            &["西安市", "西安都市圈"],
        );
        // A short insertion in brackets is part of the name, and the place it names
        // holds the zone.
        let e = extract("某省政府工作报告\n积极申建中国（甘肃）自由贸易试验区，推动发展。");
        assert!(labels(&e, District).contains(&"中国（甘肃）自由贸易试验区"));
        assert!(related(
            &e,
            "中国（甘肃）自由贸易试验区",
            Predicate::LocatedIn,
            "甘肃省"
        ));
        // A goal verb inside the phrase governs the name after it.
        check(
            "某省政府工作报告\n支持威海创建国际康养旅游试验区，七地全部创建为国家生态文明示范区。",
            District,
            &["国家生态文明示范区", "国际康养旅游试验区", "威海市"],
        );
        check(
            "某省政府工作报告\n推动大别山革命老区振兴发展，建设合肥滨湖科学城。",
            District,
            &["合肥市", "合肥滨湖科学城", "大别山革命老区"],
        );
        // Regions of national plans and of the world, as words of their own.
        check(
            "某省政府工作报告\n建设面向南亚东南亚辐射中心，推进西部陆海新通道建设，办好中非经贸博览会。",
            District,
            &["东南亚", "南亚", "西部陆海新通道"],
        );
        // Parts of a province by its abbreviation and a direction.
        check(
            "某省政府工作报告\n推动皖北地区振兴，支持陕南绿色发展，推进云南建设。",
            District,
            &["云南省", "皖北", "陕南"],
        );
        // A和B经济带: the head names B, and A is no place.
        check(
            "某省政府工作报告\n联动推进淮河生态发展和长江经济带发展。",
            District,
            &["长江经济带"],
        );
    }

    #[test]
    fn divisions_lie_in_the_nearest_named_division_above() {
        let e =
            extract("中共湘潭市委全会公报\n要深化与长沙、株洲的合作，融入湖南发展大局，推动发展。");
        assert!(related(&e, "湘潭市", Predicate::LocatedIn, "湖南省"));
        assert!(related(&e, "长沙市", Predicate::LocatedIn, "湖南省"));
        // A division the plan does not name is no part of its graph.
        let e = extract("中共湘潭市委全会公报\n要深化与长沙、株洲的合作，推动发展。");
        assert!(e.concepts.iter().all(|c| c.label != "湖南省"));
        assert!(e.relations.is_empty(), "{:?}", e.relations);
        let code = e
            .concepts
            .iter()
            .find(|c| c.label == "株洲市")
            .and_then(|c| c.division_code);
        assert_eq!(code, Some(430200));
    }

    #[test]
    fn deixis_names_the_plans_own_region() {
        let e = extract("中共湘潭市委全会公报\n我市要主动融入我省发展大局，推动发展。");
        let mentioned: Vec<&str> = e
            .mentions
            .iter()
            .map(|m| e.concept(m.concept).label.as_str())
            .collect();
        assert!(
            mentioned.contains(&"湘潭市") && mentioned.contains(&"湖南省"),
            "{mentioned:?}"
        );
    }

    #[test]
    fn a_county_elsewhere_is_not_named_by_its_short_name() {
        // 太湖 in a Jiangsu plan is the lake; 太湖县 lies in Anhui.
        let e = extract("2026年江苏省政府工作报告\n深化新一轮太湖综合治理。");
        assert!(e.concepts.iter().all(|c| c.label != "太湖县"));
        // A city's short name counts anywhere.
        let e = extract("2026年陕西省政府工作报告\n支持宝鸡、延安建设物流基地。");
        assert!(e.concepts.iter().any(|c| c.label == "宝鸡市"));
    }

    #[test]
    fn a_common_word_is_no_short_name() {
        // 合作市 is a county-level city; 合作 here is cooperation.
        let e = extract("某市委全会公报\n要加强区域合作，推动发展。");
        assert!(e.concepts.iter().all(|c| c.label != "合作市"));
    }
}
