#![cfg(not(target_arch = "wasm32"))]
//! The public TypeScript types cannot drift from the Rust tables:
//! `js/generated.d.ts` must be exactly what the tables generate (error codes,
//! 小A endpoints, every method's parameters with the forms the documents
//! write), and `js/waihu.d.ts` must declare every client method with its
//! generated parameter type. Regenerate with
//! `WAIHU_UPDATE_TYPES=1 cargo test --test types_drift`.

use std::path::Path;

use waihu::baibaihu::api::METHODS;
use waihu::sccc::api::APIS;
use waihu::typegen;
use waihu::xiaoa::api::QUERIES;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn current(file: &str, want: String) {
    let path = root().join(file);
    if std::env::var_os("WAIHU_UPDATE_TYPES").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        let line = have.lines().zip(want.lines()).position(|(a, b)| a != b).map_or(have.lines().count().min(want.lines().count()), |n| n) + 1;
        panic!("{file} differs from the Rust tables from line {line}: run WAIHU_UPDATE_TYPES=1 cargo test --test types_drift");
    }
}

#[test]
fn generated_types_are_current() {
    current("js/generated.d.ts", typegen::typescript());
}

#[test]
fn generated_tables_are_current() {
    current("js/generated.js", typegen::javascript());
}

/// `name(param: Type` or `name(param?: Type` in the class declarations.
fn declares(dts: &str, method: &str, param: &str, ty: &str, optional: bool) -> bool {
    let q = if optional { "?" } else { "" };
    dts.contains(&format!("  {method}({param}{q}: {ty})")) || dts.contains(&format!("  {method}({param}{q}: {ty},"))
}

#[test]
fn every_client_method_is_declared_with_its_generated_parameters() {
    let dts = std::fs::read_to_string(root().join("js/waihu.d.ts")).unwrap();
    let mut missing = Vec::new();
    for a in &APIS {
        let optional = !a.fields.iter().any(|f| f.required);
        let ty = typegen::sccc_command_type(a.method);
        if !declares(&dts, a.method, "command", &ty, optional) {
            missing.push(format!("ScccClient.{}(command{}: {ty})", a.method, if optional { "?" } else { "" }));
        }
    }
    for m in METHODS.iter().filter(|m| m.file.is_none()) {
        let optional = !m.fields.iter().any(|f| f.required);
        let ty = typegen::baibaihu_params_type(m.js);
        if !declares(&dts, m.js, "params", &ty, optional) {
            missing.push(format!("BaiBaiHuClient.{}(params{}: {ty})", m.js, if optional { "?" } else { "" }));
        }
    }
    for q in &QUERIES {
        if let Some(ty) = typegen::xiaoa_query_type(q.method) {
            if !declares(&dts, q.method, "query", ty, true) {
                missing.push(format!("XiaoAClient.{}(query?: {ty})", q.method));
            }
        }
    }
    assert!(missing.is_empty(), "js/waihu.d.ts does not declare, with its generated parameter type:\n  {}", missing.join("\n  "));
}
