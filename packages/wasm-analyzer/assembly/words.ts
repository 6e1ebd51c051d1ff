// Typed access to arrays kept at fixed addresses (memory.data regions): element i of an i32 or f64 array.

@inline export function setI32(array: usize, i: i32, x: i32): void { store<i32>(array + (<usize>i << 2), x); }
@inline export function getI32(array: usize, i: i32): i32 { return load<i32>(array + (<usize>i << 2)); }
@inline export function getF64(array: usize, i: i32): f64 { return load<f64>(array + (<usize>i << 3)); }
