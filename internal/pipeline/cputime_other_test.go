//go:build !unix

package pipeline

import "time"

// processCPU is unknown off unix; the cpu-ns metrics then read 0.
func processCPU() time.Duration { return 0 }
