// Rules, remediations and fixtures (for the rule docs) are embedded with `include_dir!`; rebuild when any of them changes.
fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=remediations");
    println!("cargo:rerun-if-changed=tests/fixtures");
}
