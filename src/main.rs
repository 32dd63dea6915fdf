fn main() -> std::process::ExitCode {
    maalrapport::cli::main()
}
