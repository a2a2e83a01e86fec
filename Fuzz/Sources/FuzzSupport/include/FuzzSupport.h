#ifndef RECALL_FUZZ_SUPPORT_H
#define RECALL_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver (command-line flags, corpus, mutation loop) on `test_one_input`.
///
/// SwiftPM links every executable with its own entry point as `main`, so libFuzzer's `main` is never used; the
/// fuzz targets' `@main` calls this instead, which is what libFuzzer's own `main` does.
int recall_fuzz_run(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));

#endif
