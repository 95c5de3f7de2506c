// Package profiling writes the CPU and allocation profiles of one command run
// (-cpuprofile, -memprofile on claimsvc, claimbatch and claimeval), so the
// profiling method in BENCHMARKS.md works the same on the server under load, on
// a batch job and on an evaluation, with `go tool pprof` reading the files.
package profiling

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// Start begins a CPU profile into cpuPath (none when empty) and returns stop,
// which ends it and, when memPath is not empty, writes the allocation profile
// (every allocation since the start of the process, sampled at the runtime's
// default rate) there. Call stop once, when the work to profile is done.
func Start(cpuPath, memPath string) (stop func() error, err error) {
	var cpu *os.File
	if cpuPath != "" {
		if cpu, err = os.Create(cpuPath); err != nil {
			return nil, fmt.Errorf("profiling: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("profiling: %w", err)
		}
	}
	return func() error {
		var errs []error
		if cpu != nil {
			pprof.StopCPUProfile()
			errs = append(errs, cpu.Close())
		}
		if memPath != "" {
			errs = append(errs, writeHeap(memPath))
		}
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("profiling: %w", err)
		}
		return nil
	}, nil
}

// writeHeap writes the allocation profile after a GC, so in-use figures are current.
func writeHeap(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
