//! China's administrative divisions: codes, names, short names and containment.
//!
//! The entry point is [`Gazetteer::get`], which parses the embedded
//! `lexicon/divisions.tsv` once (see `lexicon/SOURCE.md` for its source, licence
//! and limits): the nation, 34 province-level, 333 prefecture-level and about 2,850
//! county-level divisions, each with its six-digit GB/T 2260 code and its parent.
//!
//! Every division also gets a short name by general rules (湖南省 → 湖南,
//! 株洲市 → 株洲, 湘西土家族苗族自治州 → 湘西), so that plans, which mostly use
//! short names, can be matched; see [`Division::short_name`]. Names are not unique
//! (朝阳区 is in Beijing and in Changchun, 海南 is a province and a prefecture of
//! Qinghai): [`Gazetteer::lookup`] returns every candidate and
//! [`Gazetteer::resolve`] picks one, preferring the plan's own region.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The embedded data: `code<TAB>name<TAB>level<TAB>parent_code`, one division a line.
const DIVISIONS_TSV: &str = include_str!("lexicon/divisions.tsv");

/// The short name of the nation.
const NATION_SHORT_NAME: &str = "中国";

/// The 55 minority ethnic groups as named in autonomous divisions (GB/T 3304
/// names without 族), plus 各 of 各族 ("of all nationalities", as in
/// 龙胜各族自治县), separated by spaces. Used to find where the place name ends in 湘西土家族苗族自治州; a name of two or
/// more characters may also appear without 族 (伊犁哈萨克自治州, 新疆维吾尔自治区).
const ETHNIC_GROUPS: &str = "\
    蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 \
    哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 \
    柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 \
    普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 \
    塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各";

/// A level of government, from the nation down to the county.
///
/// Ordered from the highest level to the lowest: `Nation < Province < City < County`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AdminLevel {
    /// The People's Republic of China (中华人民共和国).
    Nation,
    /// A province-level division: province, autonomous region, municipality,
    /// special administrative region (省级).
    Province,
    /// A prefecture-level division: city, prefecture, autonomous prefecture, league (地级).
    City,
    /// A county-level division: district, county, county-level city, banner,
    /// autonomous county (县级).
    County,
}

impl AdminLevel {
    /// Every level, from the highest to the lowest.
    pub const ALL: [AdminLevel; 4] = [
        AdminLevel::Nation,
        AdminLevel::Province,
        AdminLevel::City,
        AdminLevel::County,
    ];

    /// The name used in `divisions.tsv` and in serialised data:
    /// `nation`, `province`, `city` or `county`.
    pub fn as_str(self) -> &'static str {
        match self {
            AdminLevel::Nation => "nation",
            AdminLevel::Province => "province",
            AdminLevel::City => "city",
            AdminLevel::County => "county",
        }
    }
}

impl fmt::Display for AdminLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an [`AdminLevel`] from a string other than the four names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseAdminLevelError {
    /// The string that is not a level.
    pub input: String,
}

impl fmt::Display for ParseAdminLevelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown administrative level {:?} (expected nation, province, city or county)",
            self.input
        )
    }
}

impl std::error::Error for ParseAdminLevelError {}

impl FromStr for AdminLevel {
    type Err = ParseAdminLevelError;

    /// Parses the names returned by [`AdminLevel::as_str`], exactly.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AdminLevel::ALL
            .into_iter()
            .find(|level| level.as_str() == s)
            .ok_or_else(|| ParseAdminLevelError {
                input: s.to_owned(),
            })
    }
}

/// One administrative division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    /// The six-digit GB/T 2260 code as a number (湖南省 430000, 株洲市 430200,
    /// the nation 0); [`Gazetteer::code_string`] writes it with its leading zeros.
    pub code: u32,
    /// The full official name (株洲市, 湘西土家族苗族自治州).
    pub name: String,
    /// The name commonly used in running text (株洲, 湘西), derived by rule; `None`
    /// where the full name is the only form (districts, banners, 攸县). Never a
    /// single character.
    pub short_name: Option<String>,
    /// The level of the division.
    pub level: AdminLevel,
    /// The code of the division directly above it; `None` only for the nation.
    /// Counties directly administered by a province (仙桃市, 济源市) and the
    /// districts and counties of a municipality have the province as parent.
    pub parent: Option<u32>,
}

/// Where a name was found: the index of a division and whether the name is its
/// full name (`true`) or its short name (`false`).
type NameHit = (usize, bool);

/// Every administrative division of China, indexed by code and by name.
#[derive(Debug)]
pub struct Gazetteer {
    divisions: Vec<Division>,
    by_code: HashMap<u32, usize>,
    by_name: HashMap<String, Vec<NameHit>>,
}

impl Gazetteer {
    /// The gazetteer of the embedded data, parsed on first use.
    ///
    /// Panics if the embedded file is malformed, which the unit tests rule out.
    pub fn get() -> &'static Gazetteer {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(|| {
            Gazetteer::parse(DIVISIONS_TSV)
                .unwrap_or_else(|err| panic!("embedded lexicon/divisions.tsv: {err}"))
        })
    }

    /// The division with this code, if any.
    pub fn by_code(&self, code: u32) -> Option<&Division> {
        self.by_code.get(&code).map(|&i| &self.divisions[i])
    }

    /// The nation, 中华人民共和国 (short name 中国), code 0.
    pub fn nation(&self) -> &Division {
        self.by_code(0)
            .expect("the gazetteer always holds the nation")
    }

    /// Every division whose full or short name is exactly `name`, by code.
    pub fn lookup(&self, name: &str) -> Vec<&Division> {
        self.hits(name)
            .iter()
            .map(|&(i, _)| &self.divisions[i])
            .collect()
    }

    /// The most plausible division named `name`, or `None` if no division has that
    /// full or short name.
    ///
    /// `context` is the code of the region the text is about (the plan's own region,
    /// or its province). Among the candidates of [`lookup`](Self::lookup) the best is,
    /// in this order of preference: inside `context` (or equal to it), else inside the
    /// nearest region above `context` that holds a candidate; then of the highest
    /// level (province over city over county); then matched by its full name rather
    /// than its short name; then of the lowest code. An unknown `context` is ignored.
    pub fn resolve(&self, name: &str, context: Option<u32>) -> Option<&Division> {
        let context = context.and_then(|code| self.by_code(code));
        self.hits(name)
            .iter()
            .map(|&(i, full)| (&self.divisions[i], full))
            .min_by_key(|&(d, full)| {
                let distance = context.map_or(0, |c| self.distance(c, d));
                (distance, d.level, Reverse(full), d.code)
            })
            .map(|(d, _)| d)
    }

    /// The division directly above `d`; `None` for the nation.
    pub fn parent(&self, d: &Division) -> Option<&Division> {
        d.parent.and_then(|code| self.by_code(code))
    }

    /// The divisions above `d`, nearest first: parent, grandparent, …, the nation.
    pub fn ancestors<'a>(&'a self, d: &'a Division) -> impl Iterator<Item = &'a Division> + 'a {
        std::iter::successors(self.parent(d), move |p| self.parent(p))
    }

    /// Whether the division `inner` lies inside the division `outer` or is `outer`.
    /// False when `inner` is not a known code.
    pub fn contains(&self, outer: u32, inner: u32) -> bool {
        self.by_code(inner)
            .is_some_and(|d| d.code == outer || self.ancestors(d).any(|a| a.code == outer))
    }

    /// Every full and short name with its division, by code, full name first: the
    /// words to build a matcher from or to add to a segmenter's dictionary.
    pub fn names(&self) -> impl Iterator<Item = (&str, &Division)> {
        self.divisions.iter().flat_map(|d| {
            std::iter::once(d.name.as_str())
                .chain(d.short_name.as_deref())
                .map(move |name| (name, d))
        })
    }

    /// Every division, by code, the nation first.
    pub fn divisions(&self) -> &[Division] {
        &self.divisions
    }

    /// A code written as GB/T 2260 writes it, six digits: `430200`, `000000`.
    pub fn code_string(code: u32) -> String {
        format!("{code:06}")
    }

    /// The name hits of `name`, by code.
    fn hits(&self, name: &str) -> &[NameHit] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// How far `d` lies from `context`: 0 if inside it, 1 if inside its parent but
    /// not inside it, and so on up to the nation, which holds everything.
    fn distance(&self, context: &Division, d: &Division) -> usize {
        std::iter::once(context)
            .chain(self.ancestors(context))
            .position(|region| self.contains(region.code, d.code))
            .unwrap_or(usize::MAX)
    }

    /// Parses `divisions.tsv`: checks the columns, unique codes, known parents and
    /// exactly one nation, derives the short names and builds the indexes.
    fn parse(text: &str) -> Result<Gazetteer, String> {
        let mut divisions = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let division = parse_line(line).map_err(|err| format!("line {}: {err}", i + 1))?;
            divisions.push(division);
        }
        divisions.sort_by_key(|d| d.code);

        let mut by_code = HashMap::with_capacity(divisions.len());
        for (i, d) in divisions.iter().enumerate() {
            if by_code.insert(d.code, i).is_some() {
                return Err(format!(
                    "code {} appears twice",
                    Gazetteer::code_string(d.code)
                ));
            }
        }
        for d in &divisions {
            match (d.level, d.parent) {
                (AdminLevel::Nation, None) => {}
                (AdminLevel::Nation, Some(_)) => {
                    return Err(format!("the nation {} has a parent", d.name));
                }
                (_, None) => return Err(format!("{} has no parent", d.name)),
                (_, Some(parent)) => {
                    match divisions.get(by_code.get(&parent).copied().unwrap_or(usize::MAX)) {
                        Some(p) if p.level < d.level => {}
                        Some(p) => {
                            return Err(format!("{} is not below its parent {}", d.name, p.name));
                        }
                        None => {
                            return Err(format!(
                                "{} has an unknown parent {}",
                                d.name,
                                Gazetteer::code_string(parent)
                            ));
                        }
                    }
                }
            }
        }
        if divisions
            .iter()
            .filter(|d| d.level == AdminLevel::Nation)
            .count()
            != 1
            || by_code.get(&0).map(|&i| divisions[i].level) != Some(AdminLevel::Nation)
        {
            return Err("expected exactly one nation, with code 000000".to_owned());
        }

        let mut by_name: HashMap<String, Vec<NameHit>> = HashMap::new();
        for (i, d) in divisions.iter().enumerate() {
            by_name.entry(d.name.clone()).or_default().push((i, true));
            if let Some(short) = &d.short_name {
                by_name.entry(short.clone()).or_default().push((i, false));
            }
        }
        Ok(Gazetteer {
            divisions,
            by_code,
            by_name,
        })
    }
}

/// One line of `divisions.tsv`.
fn parse_line(line: &str) -> Result<Division, String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [code, name, level, parent] = fields[..] else {
        return Err(format!(
            "expected 4 tab-separated columns, found {}",
            fields.len()
        ));
    };
    let parse_code = |s: &str| -> Result<u32, String> {
        if s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| format!("bad code {s:?}"))
        } else {
            Err(format!("code {s:?} is not six digits"))
        }
    };
    let level: AdminLevel = level
        .parse()
        .map_err(|err: ParseAdminLevelError| err.to_string())?;
    if name.is_empty() {
        return Err("empty name".to_owned());
    }
    Ok(Division {
        code: parse_code(code)?,
        name: name.to_owned(),
        short_name: short_name(name, level),
        level,
        parent: if parent.is_empty() {
            None
        } else {
            Some(parse_code(parent)?)
        },
    })
}

/// The short name of a division, by the rules of its level; `None` when the rules
/// leave fewer than two characters or do not apply (districts, banners).
fn short_name(name: &str, level: AdminLevel) -> Option<String> {
    let stem = match level {
        AdminLevel::Nation => Some(NATION_SHORT_NAME),
        // 北京市, 湖南省, 香港特别行政区, 广西壮族自治区, 内蒙古自治区.
        AdminLevel::Province => {
            if let Some(stem) = name.strip_suffix("自治区") {
                Some(strip_ethnic_designation(stem))
            } else {
                ["特别行政区", "省", "市"]
                    .iter()
                    .find_map(|suffix| name.strip_suffix(suffix))
            }
        }
        // 株洲市, 阿里地区, 锡林郭勒盟, 湘西土家族苗族自治州.
        AdminLevel::City => {
            if let Some(stem) = name.strip_suffix("自治州") {
                Some(strip_ethnic_designation(stem))
            } else {
                ["地区", "盟", "市"]
                    .iter()
                    .find_map(|suffix| name.strip_suffix(suffix))
            }
        }
        // 醴陵市, 茶陵县, 城步苗族自治县; not 天元区, 正蓝旗, 鄂伦春自治旗.
        AdminLevel::County => {
            if let Some(stem) = name.strip_suffix("自治县") {
                Some(strip_ethnic_designation(stem))
            } else {
                ["市", "县"]
                    .iter()
                    .find_map(|suffix| name.strip_suffix(suffix))
            }
        }
    }?;
    // A stem still ending in 族 is an ethnic group's name, not a place (东乡族自治县).
    (stem.chars().count() >= 2 && stem != name && !stem.ends_with('族')).then(|| stem.to_owned())
}

/// `stem` without the ethnic designation at its end: 湘西土家族苗族 → 湘西,
/// 伊犁哈萨克 → 伊犁. Stops before leaving fewer than two characters, so
/// 内蒙古 stays 内蒙古 and 东乡族 stays 东乡族.
fn strip_ethnic_designation(stem: &str) -> &str {
    let mut rest = stem;
    loop {
        let shortest = ETHNIC_GROUPS
            .split_whitespace()
            .flat_map(|group| {
                let with_zu = rest.strip_suffix('族').and_then(|r| r.strip_suffix(group));
                let bare = (group.chars().count() >= 2)
                    .then(|| rest.strip_suffix(group))
                    .flatten();
                [with_zu, bare]
            })
            .flatten()
            .filter(|r| r.chars().count() >= 2)
            .min_by_key(|r| r.len());
        match shortest {
            Some(r) => rest = r,
            None => return rest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that the division `code` exists with this name, level, parent and short name.
    #[track_caller]
    fn check(code: u32, name: &str, level: AdminLevel, parent: Option<u32>, short: Option<&str>) {
        let d = Gazetteer::get()
            .by_code(code)
            .unwrap_or_else(|| panic!("no division {}", Gazetteer::code_string(code)));
        assert_eq!(
            (d.name.as_str(), d.level, d.parent, d.short_name.as_deref()),
            (name, level, parent, short),
            "division {}",
            Gazetteer::code_string(code)
        );
    }

    /// Asserts that `name` in `context` resolves to the division `expected`.
    #[track_caller]
    fn check_resolve(name: &str, context: Option<u32>, expected: Option<u32>) {
        let got = Gazetteer::get().resolve(name, context).map(|d| d.code);
        assert_eq!(got, expected, "resolve({name:?}, {context:?})");
    }

    /// Asserts the short name the rules give `name` at `level`.
    #[track_caller]
    fn check_short(name: &str, level: AdminLevel, expected: Option<&str>) {
        assert_eq!(
            short_name(name, level).as_deref(),
            expected,
            "short name of {name}"
        );
    }

    #[test]
    fn zhuzhou_and_hunan() {
        check(
            430200,
            "株洲市",
            AdminLevel::City,
            Some(430000),
            Some("株洲"),
        );
        check(
            430000,
            "湖南省",
            AdminLevel::Province,
            Some(0),
            Some("湖南"),
        );
        check(0, "中华人民共和国", AdminLevel::Nation, None, Some("中国"));
        check_resolve("株洲", None, Some(430200));
        check_resolve("株洲市", None, Some(430200));
        check_resolve("湖南", None, Some(430000));
        check_resolve("中国", None, Some(0));
        check_resolve("长株潭", None, None);
    }

    #[test]
    fn lukou_replaced_zhuzhou_county() {
        check(430212, "渌口区", AdminLevel::County, Some(430200), None);
        assert!(Gazetteer::get().lookup("株洲县").is_empty());
        check(430223, "攸县", AdminLevel::County, Some(430200), None);
        check(
            430224,
            "茶陵县",
            AdminLevel::County,
            Some(430200),
            Some("茶陵"),
        );
        check(
            430281,
            "醴陵市",
            AdminLevel::County,
            Some(430200),
            Some("醴陵"),
        );
    }

    #[test]
    fn containment_and_ancestors() {
        let g = Gazetteer::get();
        assert!(g.contains(430000, 430211));
        assert!(g.contains(430200, 430211));
        assert!(g.contains(0, 430211));
        assert!(g.contains(430211, 430211));
        assert!(!g.contains(430211, 430200));
        assert!(!g.contains(440000, 430211));
        assert!(!g.contains(430000, 999999));
        let tianyuan = g.by_code(430211).unwrap();
        let up: Vec<u32> = g.ancestors(tianyuan).map(|d| d.code).collect();
        assert_eq!(up, [430200, 430000, 0]);
        assert_eq!(g.parent(g.nation()), None);
        assert_eq!(g.nation().name, "中华人民共和国");
    }

    #[test]
    fn placeholders_are_skipped() {
        let g = Gazetteer::get();
        assert!(g.lookup("市辖区").is_empty());
        assert!(g.lookup("县").is_empty());
        assert!(g.lookup("省直辖县级行政区划").is_empty());
        // Counties under a placeholder hang from the province.
        check(110105, "朝阳区", AdminLevel::County, Some(110000), None);
        check(
            500229,
            "城口县",
            AdminLevel::County,
            Some(500000),
            Some("城口"),
        );
        check(
            429004,
            "仙桃市",
            AdminLevel::County,
            Some(420000),
            Some("仙桃"),
        );
        check(
            419001,
            "济源市",
            AdminLevel::County,
            Some(410000),
            Some("济源"),
        );
        // A city without counties is not repeated as its own county.
        assert_eq!(g.lookup("东莞市").len(), 1);
        // Development zones have statistical codes only.
        assert!(g.lookup("苏州工业园区").is_empty());
    }

    #[test]
    fn shared_names_resolve_by_context() {
        let g = Gazetteer::get();
        let codes: Vec<u32> = g.lookup("朝阳区").iter().map(|d| d.code).collect();
        assert_eq!(codes, [110105, 220104]);
        check_resolve("朝阳区", Some(220000), Some(220104));
        check_resolve("朝阳区", Some(220100), Some(220104));
        check_resolve("朝阳区", Some(110000), Some(110105));
        check_resolve("朝阳区", None, Some(110105));
        // Higher level first: 海南省 over 海南藏族自治州, 吉林省 over 吉林市 …
        check_resolve("海南", None, Some(460000));
        check_resolve("吉林", None, Some(220000));
        // … unless the context holds the lower one.
        check_resolve("海南", Some(630000), Some(632500));
        check_resolve("河南", Some(632300), Some(632324));
        // A city over the county named after it (长沙市, 长沙县).
        check_resolve("长沙", None, Some(430100));
        // … but the context itself counts as inside the context.
        check_resolve("长沙", Some(430121), Some(430121));
        check_resolve("长沙", Some(430000), Some(430100));
        check_resolve("长沙县", None, Some(430121));
        // An unknown context is ignored.
        check_resolve("朝阳区", Some(999999), Some(110105));
    }

    #[test]
    fn full_name_beats_short_name_at_the_same_level() {
        let text = "000000\t中华人民共和国\tnation\t\n\
                    110000\t甲乙省\tprovince\t000000\n\
                    110101\t丙丁市市\tcounty\t110000\n\
                    110102\t丙丁市\tcounty\t110000\n";
        let g = Gazetteer::parse(text).unwrap();
        let found: Vec<u32> = g.lookup("丙丁市").iter().map(|d| d.code).collect();
        assert_eq!(found, [110101, 110102]);
        assert_eq!(g.resolve("丙丁市", None).map(|d| d.code), Some(110102));
        assert_eq!(g.resolve("甲乙", None).map(|d| d.code), Some(110000));
    }

    #[test]
    fn short_name_rules() {
        check_short("广西壮族自治区", AdminLevel::Province, Some("广西"));
        check_short("内蒙古自治区", AdminLevel::Province, Some("内蒙古"));
        check_short("新疆维吾尔自治区", AdminLevel::Province, Some("新疆"));
        check_short("宁夏回族自治区", AdminLevel::Province, Some("宁夏"));
        check_short("西藏自治区", AdminLevel::Province, Some("西藏"));
        check_short("北京市", AdminLevel::Province, Some("北京"));
        check_short("香港特别行政区", AdminLevel::Province, Some("香港"));
        check_short("湘西土家族苗族自治州", AdminLevel::City, Some("湘西"));
        check_short("伊犁哈萨克自治州", AdminLevel::City, Some("伊犁"));
        check_short("锡林郭勒盟", AdminLevel::City, Some("锡林郭勒"));
        check_short("阿里地区", AdminLevel::City, Some("阿里"));
        check_short("攸县", AdminLevel::County, None);
        check_short("津市市", AdminLevel::County, Some("津市"));
        check_short("城步苗族自治县", AdminLevel::County, Some("城步"));
        check_short("龙胜各族自治县", AdminLevel::County, Some("龙胜"));
        check_short(
            "积石山保安族东乡族撒拉族自治县",
            AdminLevel::County,
            Some("积石山"),
        );
        check_short("大通回族土族自治县", AdminLevel::County, Some("大通"));
        check_short("长白朝鲜族自治县", AdminLevel::County, Some("长白"));
        check_short(
            "塔什库尔干塔吉克自治县",
            AdminLevel::County,
            Some("塔什库尔干"),
        );
        check_short("东乡族自治县", AdminLevel::County, None);
        check_short("天元区", AdminLevel::County, None);
        check_short("正蓝旗", AdminLevel::County, None);
        check_short("鄂伦春自治旗", AdminLevel::County, None);
        check(
            450000,
            "广西壮族自治区",
            AdminLevel::Province,
            Some(0),
            Some("广西"),
        );
        check(
            150000,
            "内蒙古自治区",
            AdminLevel::Province,
            Some(0),
            Some("内蒙古"),
        );
        check(
            433100,
            "湘西土家族苗族自治州",
            AdminLevel::City,
            Some(430000),
            Some("湘西"),
        );
    }

    #[test]
    fn every_autonomous_division_loses_its_designation() {
        for d in Gazetteer::get().divisions() {
            if d.name.ends_with("自治州")
                || d.name.ends_with("自治县")
                || d.name.ends_with("自治区")
            {
                match d.short_name.as_deref() {
                    Some(short) => assert!(!short.contains('族'), "{} → {short}", d.name),
                    None => assert_eq!(d.name, "东乡族自治县"),
                }
            }
        }
    }

    #[test]
    fn hong_kong_macao_taiwan() {
        check(
            810000,
            "香港特别行政区",
            AdminLevel::Province,
            Some(0),
            Some("香港"),
        );
        check(
            820000,
            "澳门特别行政区",
            AdminLevel::Province,
            Some(0),
            Some("澳门"),
        );
        check(
            710000,
            "台湾省",
            AdminLevel::Province,
            Some(0),
            Some("台湾"),
        );
    }

    #[test]
    fn data_is_consistent() {
        let g = Gazetteer::get();
        let divisions = g.divisions();
        assert!(divisions.len() > 3000, "only {} divisions", divisions.len());
        let count = |level| divisions.iter().filter(|d| d.level == level).count();
        assert_eq!(count(AdminLevel::Nation), 1);
        assert_eq!(count(AdminLevel::Province), 34);
        assert!((300..400).contains(&count(AdminLevel::City)));
        assert!((2800..3000).contains(&count(AdminLevel::County)));
        let mut codes: Vec<u32> = divisions.iter().map(|d| d.code).collect();
        codes.dedup();
        assert_eq!(codes.len(), divisions.len(), "codes are unique");
        for d in divisions {
            if let Some(parent) = d.parent {
                let p = g.by_code(parent).expect("every parent exists");
                assert!(p.level < d.level, "{} under {}", d.name, p.name);
            }
            assert_eq!(
                g.ancestors(d).last().map_or(d.code, |a| a.code),
                0,
                "{} reaches the nation",
                d.name
            );
            if let Some(short) = &d.short_name {
                assert!(short.chars().count() >= 2, "{} → {short}", d.name);
                assert_ne!(short, &d.name);
            }
        }
        let names = g.names().count();
        let shorts = divisions.iter().filter(|d| d.short_name.is_some()).count();
        assert_eq!(names, divisions.len() + shorts);
        assert!(g.names().all(|(name, d)| g.lookup(name).contains(&d)));
    }

    #[test]
    fn levels_and_codes_as_text() {
        for level in AdminLevel::ALL {
            assert_eq!(level.as_str().parse::<AdminLevel>(), Ok(level));
            assert_eq!(
                serde_json::to_string(&level).unwrap(),
                format!("\"{level}\"")
            );
        }
        assert!("town".parse::<AdminLevel>().is_err());
        assert!(AdminLevel::Province < AdminLevel::County);
        assert_eq!(Gazetteer::code_string(430200), "430200");
        assert_eq!(Gazetteer::code_string(0), "000000");
    }

    #[test]
    fn malformed_data_is_refused() {
        let nation = "000000\t中华人民共和国\tnation\t\n";
        assert!(Gazetteer::parse(nation).is_ok());
        let refused = [
            "430000\t湖南省\tprovince\t000000\n",
            "000000\t中华人民共和国\tnation\t\n430000\t湖南省\tprovince\t\n",
            "000000\t中华人民共和国\tnation\t\n430000\t湖南省\tprovince\t990000\n",
            "000000\t中华人民共和国\tnation\t\n430000\t湖南省\tstate\t000000\n",
            "000000\t中华人民共和国\tnation\t\n4300\t湖南省\tprovince\t000000\n",
            "000000\t中华人民共和国\tnation\t\n430000\t湖南省\tprovince\n",
            "000000\t中华人民共和国\tnation\t\n000000\t中国\tnation\t\n",
        ];
        for text in refused {
            assert!(Gazetteer::parse(text).is_err(), "accepted {text:?}");
        }
    }
}
