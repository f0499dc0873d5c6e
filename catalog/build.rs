//! Finds every system folder of the console (`src/systems/<name>/meta.rs`) and writes the
//! catalog's module list, so a new system needs no line here: its folder is enough.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let systems = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/systems");
    println!("cargo:rerun-if-changed={}", systems.display());
    let mut names: Vec<String> = std::fs::read_dir(&systems)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", systems.display()))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().join("meta.rs").is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut out = String::new();
    for name in &names {
        let meta = systems.join(name).join("meta.rs");
        println!("cargo:rerun-if-changed={}", meta.display());
        let _ = writeln!(
            out,
            "/// The catalog entry of the `{name}` system folder.\npub mod {name} {{\n    use crate::*;\n    include!({:?});\n}}",
            meta.display().to_string()
        );
    }
    let list: Vec<String> = names.iter().map(|n| format!("&{n}::META")).collect();
    let _ = writeln!(
        out,
        "/// Every system, in the order of their folder names.\npub const ALL: &[&SystemMeta] = &[{}];",
        list.join(", ")
    );
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("systems.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", dest.display()));
}
