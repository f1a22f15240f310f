//! General domain knowledge as data: the genre's vocabulary (`lexicon/genre.tsv`)
//! and the national strategies (`lexicon/strategies.tsv`). Both files name their
//! sources; neither lists the answers of any one document.

use std::collections::{BTreeMap, HashSet};

/// The categories of `genre.tsv`.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub adverbs: HashSet<&'static str>,
    pub verbs: HashSet<&'static str>,
    pub goal_verbs: HashSet<&'static str>,
    pub strategy_verbs: HashSet<&'static str>,
    pub frames: HashSet<&'static str>,
    /// Longest first, so that `先行区` is tried before `区`-like shorter heads.
    pub goal_heads: Vec<&'static str>,
    pub project_heads: Vec<&'static str>,
    /// Heads of public works (铁路, 机场), among the project heads: a project only
    /// under a proper name (平凉机场, 雄商高铁), not a kind (城际铁路).
    pub works_heads: HashSet<&'static str>,
    pub district_heads: Vec<&'static str>,
    pub strategy_heads: Vec<&'static str>,
    pub deixis: HashSet<&'static str>,
    pub task_markers: Vec<&'static str>,
    /// Regions that national plans name as such (京津冀, 长三角, 成渝地区双城经济圈),
    /// and the world's regions (中亚, 东南亚).
    pub regions: Vec<&'static str>,
    /// National strategy names → canonical label.
    pub national_strategies: BTreeMap<&'static str, &'static str>,
    /// Province abbreviations (陕, 皖) → the province's full name.
    pub province_abbreviations: BTreeMap<char, &'static str>,
}

const GENRE: &str = include_str!("lexicon/genre.tsv");
const STRATEGIES: &str = include_str!("lexicon/strategies.tsv");
const REGIONS: &str = include_str!("lexicon/regions.tsv");
const WORLD_REGIONS: &str = include_str!("lexicon/world-regions.tsv");
const PROVINCE_ABBREVIATIONS: &str = include_str!("lexicon/province-abbreviations.tsv");

/// The non-comment, non-empty lines of a data file, split at tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split('\t').map(str::trim).collect())
}

impl Lexicon {
    /// Loads the bundled data files.
    pub(crate) fn bundled() -> Lexicon {
        let mut lexicon = Lexicon::default();
        for row in rows(GENRE) {
            let [word, category] = row[..] else {
                panic!("genre.tsv: malformed row {row:?}")
            };
            match category {
                "adverb" => drop(lexicon.adverbs.insert(word)),
                "verb" => drop(lexicon.verbs.insert(word)),
                "goal-verb" => drop(lexicon.goal_verbs.insert(word)),
                "strategy-verb" => drop(lexicon.strategy_verbs.insert(word)),
                "frame" => drop(lexicon.frames.insert(word)),
                "goal-head" => lexicon.goal_heads.push(word),
                "project-head" => lexicon.project_heads.push(word),
                "works-head" => {
                    lexicon.project_heads.push(word);
                    lexicon.works_heads.insert(word);
                }
                "district-head" => lexicon.district_heads.push(word),
                "strategy-head" => lexicon.strategy_heads.push(word),
                "deixis" => drop(lexicon.deixis.insert(word)),
                "task-marker" => lexicon.task_markers.push(word),
                other => panic!("genre.tsv: unknown category {other:?}"),
            }
        }
        for heads in [
            &mut lexicon.goal_heads,
            &mut lexicon.project_heads,
            &mut lexicon.district_heads,
            &mut lexicon.strategy_heads,
        ] {
            heads.sort_by_key(|h| std::cmp::Reverse(h.chars().count()));
        }
        lexicon.regions = rows(REGIONS)
            .chain(rows(WORLD_REGIONS))
            .map(|row| row[0])
            .collect();
        lexicon
            .regions
            .sort_by_key(|r| std::cmp::Reverse(r.chars().count()));
        for row in rows(PROVINCE_ABBREVIATIONS) {
            let [abbreviation, province] = row[..] else {
                panic!("province-abbreviations.tsv: malformed row {row:?}")
            };
            let mut chars = abbreviation.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                panic!("province-abbreviations.tsv: {abbreviation} is not one character")
            };
            lexicon.province_abbreviations.insert(c, province);
        }
        for row in rows(STRATEGIES) {
            let [name, label] = row[..] else {
                panic!("strategies.tsv: malformed row {row:?}")
            };
            lexicon.national_strategies.insert(name, label);
        }
        lexicon
    }

    /// Every word of the genre vocabulary, for the segmenter's dictionary.
    pub(crate) fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.adverbs
            .iter()
            .chain(&self.verbs)
            .chain(&self.frames)
            .chain(&self.goal_heads)
            .chain(&self.project_heads)
            .chain(&self.district_heads)
            .chain(&self.strategy_heads)
            .chain(&self.deixis)
            .chain(&self.regions)
            .copied()
    }

    /// The longest head of `heads` that `label` ends with.
    pub(crate) fn head_of<'h>(heads: &'h [&'static str], label: &str) -> Option<&'h str> {
        heads.iter().find(|h| label.ends_with(**h)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_data_loads_with_every_category() {
        let lexicon = Lexicon::bundled();
        assert!(lexicon.verbs.contains("实施"));
        assert!(lexicon.goal_verbs.contains("建设"));
        assert!(lexicon.strategy_verbs.contains("落实"));
        assert!(lexicon.adverbs.contains("大力"));
        assert!(lexicon.frames.contains("在"));
        assert_eq!(
            Lexicon::head_of(&lexicon.goal_heads, "内陆地区改革开放高地"),
            Some("高地")
        );
        assert_eq!(
            Lexicon::head_of(&lexicon.district_heads, "某某老工业区"),
            Some("老工业区")
        );
        assert_eq!(
            lexicon.national_strategies.get("乡村振兴"),
            Some(&"乡村振兴战略")
        );
    }

    #[test]
    fn goal_verbs_and_strategy_verbs_are_verbs() {
        let lexicon = Lexicon::bundled();
        for verb in lexicon.goal_verbs.iter().chain(&lexicon.strategy_verbs) {
            assert!(
                lexicon.verbs.contains(verb),
                "{verb} is not listed as a verb"
            );
        }
    }
}
