//! Embeds `data/councils.csv` when it is there (another crate's owner provides
//! it); without it the national profile reports that it has no councils.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(has_councils)");
    println!("cargo::rerun-if-changed=data/councils.csv");
    if std::path::Path::new("data/councils.csv").exists() {
        println!("cargo::rustc-cfg=has_councils");
    }
}
