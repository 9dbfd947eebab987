//! The `rotative` command.

// glibc's allocator was a quarter of build time in profiles: rendering
// allocates and frees millions of small strings and JSON values.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    rotative::cmd::main()
}
