use std::env;

fn main() {
    let target = env::var("TARGET").unwrap_or_default();
    // Static consumers on MSVC need these; emberConfig.cmake lists them too.
    if target.contains("windows-msvc") {
        for lib in ["ntdll", "userenv", "ws2_32", "bcrypt"] {
            println!("cargo:rustc-link-lib=dylib={}", lib);
        }
    }
    if target.contains("apple") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-install_name,@rpath/libember.dylib");
    }
    if target.contains("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libember.so.1");
    }
    println!(
        "cargo:include={}/include",
        env::var("CARGO_MANIFEST_DIR").unwrap()
    );
    println!("cargo:rerun-if-changed=include/ember.h");
}
