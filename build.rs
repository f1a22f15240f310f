//! Embeds the shipped queries (`queries/*.rq`) in the binary for `plankg serve`'s
//! web page: writes `$OUT_DIR/queries.rs` with one `(name, text)` per file, sorted
//! by name, so a new query file is picked up without a list to keep.

use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("queries/ exists")
        .map(|entry| entry.expect("readable queries/").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    let mut code = String::from(
        "/// The shipped queries: (file stem, text).\npub(crate) const SHIPPED: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("UTF-8 query file names");
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("queries.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
