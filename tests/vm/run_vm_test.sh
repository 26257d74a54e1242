#!/usr/bin/env bash
# The end-to-end test on a real kernel: builds the guest (build_guest.sh), boots it under QEMU
# with software emulation, five emulated SATA disks, one NVMe disk, a free PCIe root port and a
# monitor socket, adds and removes a disk through the monitor when the guest asks for it (second
# serial port), and after power-off unpacks the results tar from the output disk and asserts on
# it (check_results.sh). Prints its own pass/fail count and time; on failure the guest's console
# log stays in BUILD/vm/run/.
# Run by ctest (label vm) with SRVH_BUILD_DIR and SRVH_SOURCE_DIR set.
set -euo pipefail

: "${SRVH_BUILD_DIR:?SRVH_BUILD_DIR must name the build directory (ctest sets it)}"
: "${SRVH_SOURCE_DIR:?SRVH_SOURCE_DIR must name the source directory (ctest sets it)}"
here=$SRVH_SOURCE_DIR/tests/vm
vm=$SRVH_BUILD_DIR/vm
run=$vm/run
t_start=$(date +%s.%N)
elapsed() { awk -v a="$t_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

fail_setup() {
        echo "FAIL: $*" >&2
        echo "vm: 0 passed, 1 failed in $(elapsed) s"
        exit 1
}

# --- what this needs on the host ---------------------------------------------------------------
need=(qemu-system-x86_64:qemu-system-x86 qemu-img:qemu-utils socat:socat cpio:cpio
        depmod:kmod modinfo:kmod readelf:binutils dpkg-deb:dpkg apt-get:apt apt-cache:apt tar:tar)
missing=()
for n in "${need[@]}"; do
        PATH=$PATH:/sbin:/usr/sbin command -v "${n%%:*}" >/dev/null || missing+=("${n%%:*} (package ${n#*:})")
done
if ((${#missing[@]})); then
        fail_setup "missing on this machine: ${missing[*]}; scripts/test.sh installs them"
fi
[[ -x $SRVH_BUILD_DIR/srvhealthd ]] || fail_setup "$SRVH_BUILD_DIR/srvhealthd is not built"

echo "== building the guest"
bash "$here/build_guest.sh" "$SRVH_SOURCE_DIR" "$SRVH_BUILD_DIR" ||
        fail_setup "the guest could not be built (see above)"
t_built=$(elapsed)

rm -rf "$run"
mkdir -p "$run/results"
for d in r1a r1b r5a r5b r5c nvme hot; do
        qemu-img create -q -f raw "$run/$d.img" 64M
done
qemu-img create -q -f raw "$run/out.img" 16M
: >"$run/sync.log"

# q35: the built-in AHCI controller's ports ide.0..ide.5 for the SATA disks (named by serial,
# since sdX names change between boots); the NVMe disk on the root complex; pcie-root-port rp1
# left empty for the hot-plug; the output disk on virtio. -accel tcg always: this machine's KVM
# cannot run a stock kernel.
# shellcheck disable=SC2054 # the commas are QEMU's option syntax
qemu=(qemu-system-x86_64 -accel tcg -machine q35 -m 768 -smp 1 -nodefaults -display none
        -no-reboot
        -kernel "$vm/guest/vmlinuz" -initrd "$vm/guest/initrd.cpio"
        -append "console=ttyS0 panic=-1 loglevel=4"
        -serial "file:$run/console.log"
        -chardev "file,id=sync,path=$run/sync.log" -device isa-serial,chardev=sync
        -monitor "unix:$run/monitor.sock,server=on,wait=off"
        -device pcie-root-port,id=rp1,bus=pcie.0,chassis=1,slot=1
        -device virtio-blk-pci,drive=out,serial=srvhout
        -drive "if=none,id=out,file=$run/out.img,format=raw"
        -drive "if=none,id=hot,file=$run/hot.img,format=raw"
        -device nvme,drive=nvme,serial=VMNVME1
        -drive "if=none,id=nvme,file=$run/nvme.img,format=raw")
port=0
for d in r1a:VMR1A r1b:VMR1B r5a:VMR5A r5b:VMR5B r5c:VMR5C; do
        qemu+=(-drive "if=none,id=${d%%:*},file=$run/${d%%:*}.img,format=raw"
                -device "ide-hd,bus=ide.$port,drive=${d%%:*},serial=${d#*:}")
        port=$((port + 1))
done

monitor() { # HMP command through the monitor socket
        printf '%s\n' "$*" | socat -t 2 - "UNIX-CONNECT:$run/monitor.sock" >>"$run/monitor.log" 2>&1
}

echo "== booting the guest (software emulation)"
nice -n 10 "${qemu[@]}" &
qpid=$!
limit=${SRVH_VM_TIMEOUT:-420}
handled=0
while kill -0 "$qpid" 2>/dev/null; do
        mapfile -t cues <"$run/sync.log"
        while ((handled < ${#cues[@]})); do
                cue=${cues[$handled]//$'\r'/}
                handled=$((handled + 1))
                case $cue in
                HOTADD)
                        echo "   [$(elapsed) s] guest asks for the hot-add: device_add nvme on rp1"
                        monitor "device_add nvme,id=hotdisk,bus=rp1,drive=hot,serial=VMHOT1" ;;
                HOTDEL)
                        echo "   [$(elapsed) s] guest asks for the removal: device_del hotdisk"
                        monitor "device_del hotdisk" ;;
                DONE) echo "   [$(elapsed) s] guest scenario done" ;;
                esac
        done
        if awk -v e="$(elapsed)" -v l="$limit" 'BEGIN { exit !(e > l) }'; then
                echo "FAIL: the guest ran past ${limit} s; killing QEMU" >&2
                kill "$qpid" 2>/dev/null || true
                break
        fi
        sleep 0.3
done
wait "$qpid" || echo "   QEMU exited with status $?"
t_vm=$(elapsed)

tar -xf "$run/out.img" -C "$run/results" 2>/dev/null || echo "   no results tar on the output disk"
cp "$run/console.log" "$run/results/console.log" 2>/dev/null || true

echo "== assertions (on the host)"
set +e
bash "$here/check_results.sh" "$run/results" "$SRVH_SOURCE_DIR"
rc=$?
set -e
echo "vm: guest built in ${t_built} s, booted and run by ${t_vm} s, total $(elapsed) s"
if ((rc != 0)); then
        echo "vm: FAILED; the guest's console log is $run/console.log, its results $run/results" >&2
        echo "----- console (last 60 lines) -----"
        tail -n 60 "$run/console.log" 2>/dev/null
        exit 1
fi
rm -f "$run"/*.img # keep the logs, drop the disks
exit 0
