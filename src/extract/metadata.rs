//! Plan metadata: what a document says about itself (title, issuer, region, level,
//! committee and plenary, plan period, horizon, date, document type), completed by a
//! sidecar file or command-line values where the text is silent.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::extract::gazetteer::{AdminLevel, Gazetteer};
use crate::extract::numerals;
use crate::intake::{Document, ParagraphRole};

/// What a plan says about itself. Every field but `id` may be unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanMetadata {
    /// Short stable identifier, from the file name (`zhuzhou_2020_plenum`).
    pub id: String,
    /// The document's title.
    pub title: Option<String>,
    /// The issuing body (中共株洲市委, 湖南省人民政府).
    pub issuer: Option<String>,
    /// The region the plan governs, by its official name (株洲市).
    pub region: Option<String>,
    /// GB/T 2260 code of the region (430200; 0 for the nation).
    pub region_code: Option<u32>,
    /// Level of government.
    pub level: Option<AdminLevel>,
    /// Number of the party committee (第十二届 → 12).
    pub committee: Option<u32>,
    /// Number of the plenary session (第十四次全体会议 → 14).
    pub plenary: Option<u32>,
    /// The plan period as written (十四五).
    pub period: Option<String>,
    /// First year of the period.
    pub period_start: Option<u16>,
    /// Last year of the period.
    pub period_end: Option<u16>,
    /// The long-range horizon (2035).
    pub horizon: Option<u16>,
    /// Date of adoption or delivery, ISO 8601 (`2020-12-02`, or `2021-07`).
    pub date: Option<String>,
    /// Kind of document (公报, 建议, 纲要, 政府工作报告).
    pub document_type: Option<String>,
}

impl PlanMetadata {
    /// Fills every field that `overrides` sets, keeping the others.
    pub fn apply(&mut self, overrides: &PlanMetadata) {
        macro_rules! take {
            ($($field:ident),*) => {$(
                if overrides.$field.is_some() {
                    self.$field = overrides.$field.clone();
                }
            )*};
        }
        if !overrides.id.is_empty() {
            self.id = overrides.id.clone();
        }
        take!(
            title,
            issuer,
            region,
            region_code,
            level,
            committee,
            plenary,
            period,
            period_start,
            period_end,
            horizon,
            date,
            document_type
        );
        // A region given by name alone gets its code and level from the gazetteer.
        if overrides.region.is_some() && overrides.region_code.is_none() {
            let division = self
                .region
                .as_deref()
                .and_then(|name| Gazetteer::get().resolve(name, None));
            self.region_code = division.map(|d| d.code);
            if overrides.level.is_none() {
                self.level = division.map(|d| d.level);
            }
        }
        if let Some(period) = overrides.period.as_deref()
            && overrides.period_start.is_none()
        {
            let (start, end) = period_years(period).unzip();
            self.period_start = start;
            self.period_end = end;
        }
    }
}

/// The plan id a file gets: its name without extension, lowercased, with every run
/// of characters other than letters and digits turned into one `_`.
pub fn plan_id_from_path(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut id = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('_') {
            id.push('_');
        }
    }
    let id = id.trim_end_matches('_');
    if id.is_empty() {
        "plan".to_owned()
    } else {
        id.to_owned()
    }
}

/// The years of the `n`th five-year plan: the first ran 1953–1957, the second
/// 1958–1962, and after the 1963–1965 adjustment the third began in 1966.
pub fn five_year_plan_years(n: u32) -> Option<(u16, u16)> {
    let start = match n {
        1 => 1953,
        2 => 1958,
        3..=40 => 1966 + 5 * (n - 3),
        _ => return None,
    };
    Some((start as u16, start as u16 + 4))
}

/// Years of a period written `十四五`.
fn period_years(period: &str) -> Option<(u16, u16)> {
    let ordinal = period.strip_suffix('五')?;
    five_year_plan_years(numerals::parse(ordinal)?)
}

/// The period before `period` (十三五 before 十四五): what a plan reviews.
pub(crate) fn previous_period(period: &str) -> Option<String> {
    let n = numerals::parse(period.strip_suffix('五')?)?;
    (n > 1).then(|| period_label(n - 1))
}

/// The `十N五` label of the `n`th five-year plan.
fn period_label(n: u32) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let ordinal = match n {
        1..=9 => DIGITS[n as usize].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[(n - 10) as usize]),
        _ => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            DIGITS[(n % 10) as usize]
        ),
    };
    format!("{ordinal}五")
}

const NUM: &str = "[〇零一二三四五六七八九十两]";
const YEAR: &str = r"(?:[〇零一二三四五六七八九OＯ]{4}|\d{4})";

static COMMITTEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "第({NUM}+)届(?:中央)?委员会第({NUM}+)次全体(?:会议|会)"
    ))
    .unwrap()
});
static PERIOD_IN_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("第({NUM}+)个五年规划")).unwrap());
static PERIOD_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("十([一二三四五六七八九])五").unwrap());
static HORIZON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("({YEAR})年远景目标")).unwrap());
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "({YEAR})年({NUM}{{1,3}}|\\d{{1,2}})月(?:({NUM}{{1,3}}|\\d{{1,2}})日)?"
    ))
    .unwrap()
});
static LEADING_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^({YEAR})年")).unwrap());
static PARTY_COMMITTEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "^(?:中国共产党|中共)(.*?)(?:第[〇零一二三四五六七八九十]+届)?(中央委员会|委员会|委)",
    )
    .unwrap()
});

/// Reads a document's metadata from its text. `id` comes from the file name.
pub fn read_metadata(doc: &Document) -> PlanMetadata {
    let mut meta = PlanMetadata {
        id: plan_id_from_path(&doc.path),
        ..PlanMetadata::default()
    };
    let title = find_title(doc);
    // The title and the lines around it (adoption note, occasion, date) describe the plan.
    let front: String = doc
        .paragraphs
        .iter()
        .take(FRONT_PARAGRAPHS)
        .map(|p| doc.text_of(p.span))
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(title) = &title {
        meta.document_type = document_type(title).map(str::to_owned);
        // A title without a region (2026年政府工作报告) leaves it to the occasion
        // line: ——2026年1月28日在云南省第十四届人民代表大会第四次会议上.
        let occasion = doc
            .paragraphs
            .iter()
            .take(FRONT_PARAGRAPHS)
            .filter(|p| p.role == ParagraphRole::Byline)
            .map(|p| doc.text_of(p.span))
            .find(|line| line.contains("会议"));
        if !read_region(&mut meta, title, false)
            && let Some(line) = occasion
        {
            read_region(&mut meta, line, false);
        }
        if meta.region.is_none() {
            read_region(&mut meta, title, true);
        }
        meta.issuer = issuer(title, &meta);
    }
    if let Some(c) = COMMITTEE.captures(&front) {
        meta.committee = numerals::parse(&c[1]);
        meta.plenary = numerals::parse(&c[2]);
    }
    meta.date = front_date(doc);
    read_period(&mut meta, title.as_deref(), &doc.text);
    meta.horizon = HORIZON
        .captures(&doc.text)
        .and_then(|c| numerals::parse_year(&c[1]));
    meta.title = title;
    meta
}

/// The title: the first heading, joined with the headings right after it while the
/// title is not complete (an outline's title runs over several lines).
fn find_title(doc: &Document) -> Option<String> {
    let mut paragraphs = doc
        .paragraphs
        .iter()
        .skip_while(|p| p.role == ParagraphRole::Byline);
    let first = paragraphs.next()?;
    let mut title = doc.text_of(first.span).to_owned();
    if first.role != ParagraphRole::Heading {
        return (document_type(&title).is_some() && title.chars().count() <= 80).then_some(title);
    }
    for next in paragraphs.take(3) {
        if document_type(&title).is_some() || next.role != ParagraphRole::Heading {
            break;
        }
        let candidate = format!("{title}{}", doc.text_of(next.span));
        if candidate.chars().count() > 80 {
            break;
        }
        title = candidate;
    }
    Some(title)
}

/// The kind of document, from the end of its title.
fn document_type(title: &str) -> Option<&'static str> {
    const TYPES: [&str; 9] = [
        "政府工作报告",
        "公报",
        "建议",
        "纲要",
        "规划",
        "决定",
        "意见",
        "工作报告",
        "报告",
    ];
    let title = title.trim_end_matches(['）', ')', '》']);
    TYPES
        .into_iter()
        .find(|t| title.ends_with(t) || title.contains(&format!("{t}（")))
}

/// The region: the first administrative division `title` names; with `national`,
/// a title without one that speaks for the centre (中共中央, 国务院, 全国) is
/// national. Returns whether a region was found.
fn read_region(meta: &mut PlanMetadata, title: &str, national: bool) -> bool {
    let gazetteer = Gazetteer::get();
    let chars: Vec<char> = title.chars().collect();
    for start in 0..chars.len() {
        let mut best = None;
        for end in (start + 2..=chars.len().min(start + 12)).rev() {
            let name: String = chars[start..end].iter().collect();
            if let Some(d) = gazetteer
                .resolve(&name, None)
                .filter(|d| d.level != AdminLevel::Nation)
            {
                best = Some(d);
                break;
            }
        }
        if let Some(d) = best {
            meta.region = Some(d.name.clone());
            meta.region_code = Some(d.code);
            meta.level = Some(d.level);
            return true;
        }
    }
    if !national {
        return false;
    }
    if [
        "中央",
        "国务院",
        "全国",
        "中华人民共和国",
        "国民经济和社会发展",
    ]
    .iter()
    .any(|w| title.contains(w))
        || title == "政府工作报告"
        || LEADING_YEAR.replace(title, "") == "政府工作报告"
    {
        let nation = gazetteer.nation();
        meta.region = Some(nation.name.clone());
        meta.region_code = Some(nation.code);
        meta.level = Some(AdminLevel::Nation);
        return true;
    }
    false
}

/// How many paragraphs at the start describe the document (web pages add menus).
const FRONT_PARAGRAPHS: usize = 24;

/// The issuing body, from the title's opening (中国共产党株洲市…委员会 → 中共株洲市委)
/// or from the kind of document (a government work report is the government's).
fn issuer(title: &str, meta: &PlanMetadata) -> Option<String> {
    if title.starts_with("中共中央") {
        return Some("中共中央".to_owned());
    }
    if let Some(c) = PARTY_COMMITTEE.captures(title) {
        let region = c[1].trim();
        return Some(if region.is_empty() || &c[2] == "中央委员会" {
            "中共中央".to_owned()
        } else {
            format!("中共{region}委")
        });
    }
    let region = meta.region.as_deref()?;
    match meta.document_type.as_deref()? {
        "政府工作报告" | "工作报告" | "纲要" if meta.level == Some(AdminLevel::Nation) => {
            Some("国务院".to_owned())
        }
        "政府工作报告" | "工作报告" | "纲要" => Some(format!("{region}人民政府")),
        _ => None,
    }
}

/// Date of adoption or delivery: the first date in the lines around the title.
fn front_date(doc: &Document) -> Option<String> {
    // The occasion or adoption (…会议上, …会议通过) dates the plan; a page's
    // timestamp only dates its publication.
    let mut lines: Vec<&crate::intake::Paragraph> =
        doc.paragraphs.iter().take(FRONT_PARAGRAPHS).collect();
    lines.sort_by_key(|p| !doc.text_of(p.span).contains("会议"));
    lines.into_iter().find_map(|p| {
        let text = doc.text_of(p.span);
        if p.role != ParagraphRole::Byline && p.role != ParagraphRole::Heading {
            return None;
        }
        let c = DATE.captures(text)?;
        let year = numerals::parse_year(&c[1])?;
        let month = numerals::parse(&c[2]).filter(|m| (1..=12).contains(m))?;
        Some(match c.get(3).and_then(|d| numerals::parse(d.as_str())) {
            Some(day) if (1..=31).contains(&day) => format!("{year:04}-{month:02}-{day:02}"),
            _ => format!("{year:04}-{month:02}"),
        })
    })
}

/// The plan period: named in the title (第十四个五年规划), else the period holding the
/// year a report is for, else the period the text names most often.
fn read_period(meta: &mut PlanMetadata, title: Option<&str>, text: &str) {
    let title = title.unwrap_or("");
    let ordinal = PERIOD_IN_TITLE
        .captures(title)
        .and_then(|c| numerals::parse(&c[1]))
        .or_else(|| {
            let year = LEADING_YEAR
                .captures(title)
                .and_then(|c| numerals::parse_year(&c[1]))?;
            (3..=40)
                .find(|&n| five_year_plan_years(n).is_some_and(|(s, e)| (s..=e).contains(&year)))
        })
        .or_else(|| {
            let mut counts = [0usize; 10];
            for c in PERIOD_IN_TEXT.captures_iter(text) {
                if let Some(d) = numerals::parse(&c[1]) {
                    counts[d as usize] += 1;
                }
            }
            let (digit, &count) = counts.iter().enumerate().max_by_key(|&(_, n)| *n)?;
            (count > 0).then_some(10 + digit as u32)
        });
    if let Some(n) = ordinal {
        meta.period = Some(period_label(n));
        if let Some((start, end)) = five_year_plan_years(n) {
            meta.period_start = Some(start);
            meta.period_end = Some(end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_ids_come_from_file_names() {
        assert_eq!(
            plan_id_from_path(Path::new("x/zhuzhou_2020_plenum.txt")),
            "zhuzhou_2020_plenum"
        );
        assert_eq!(
            plan_id_from_path(Path::new("Hunan GWR-2026.html")),
            "hunan_gwr_2026"
        );
        assert_eq!(plan_id_from_path(Path::new("株洲 公报.md")), "株洲_公报");
        assert_eq!(plan_id_from_path(Path::new("--.txt")), "plan");
    }

    #[test]
    fn five_year_plans_have_their_years() {
        assert_eq!(five_year_plan_years(1), Some((1953, 1957)));
        assert_eq!(five_year_plan_years(10), Some((2001, 2005)));
        assert_eq!(five_year_plan_years(14), Some((2021, 2025)));
        assert_eq!(five_year_plan_years(15), Some((2026, 2030)));
        assert_eq!(period_label(14), "十四五");
        assert_eq!(period_label(10), "十五");
        assert_eq!(period_years("十五五"), Some((2026, 2030)));
    }

    #[test]
    fn document_types_come_from_titles() {
        assert_eq!(
            document_type("2026年湖南省政府工作报告"),
            Some("政府工作报告")
        );
        assert_eq!(
            document_type("中国共产党株洲市第十二届委员会第十四次全体会议公报"),
            Some("公报")
        );
        assert_eq!(
            document_type("关于制定…第十四个五年规划和二〇三五年远景目标的建议"),
            Some("建议")
        );
        assert_eq!(document_type("株洲市在行动"), None);
    }

    #[test]
    fn issuers_come_from_titles() {
        let meta = PlanMetadata::default();
        assert_eq!(
            issuer("中国共产党株洲市第十二届委员会第十四次全体会议公报", &meta).as_deref(),
            Some("中共株洲市委")
        );
        assert_eq!(
            issuer("中共湖南省委关于制定湖南省…的建议", &meta).as_deref(),
            Some("中共湖南省委")
        );
        assert_eq!(
            issuer(
                "中共中央关于制定国民经济和社会发展第十四个五年规划…的建议",
                &meta
            )
            .as_deref(),
            Some("中共中央")
        );
    }
}
