//! The `rotative` command.

fn main() {
    std::process::exit(rotative::cli::run());
}
