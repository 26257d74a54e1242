#!/usr/bin/env bash
# Builds the guest of the VM test: Debian's own kernel and an initramfs holding busybox, udev,
# mdadm, snmpd, snmptrapd, the net-snmp tools and the srvhealthd just built, with the libraries
# they link. Packages are fetched with apt-get download into a cache below the build tree and
# unpacked with dpkg-deb -x there; nothing is installed on this machine.
# Usage: build_guest.sh SOURCE_DIR BUILD_DIR   (writes BUILD_DIR/vm/guest/{vmlinuz,initrd.cpio})
set -euo pipefail

src=$1
build=$2
vm=$build/vm
debs=$vm/debs     # downloaded .debs, kept between runs
unpacked=$vm/pkgs # one dpkg-deb -x tree per .deb, kept between runs
guest=$vm/guest   # the kernel and initramfs handed to QEMU
tree=$vm/initramfs
mkdir -p "$debs" "$unpacked" "$guest"

die() {
        echo "build_guest: $*" >&2
        exit 1
}

# --- which packages ----------------------------------------------------------------------------

# What the guest runs. util-linux for setpriv (busybox's cannot change the user); udev for
# systemd-udevd, which libudev's monitor and properties (ID_SERIAL_SHORT, ID_WWN) rely on.
top=(busybox-static snmpd snmptrapd snmp libsnmp40 libnetsnmptrapd40 mdadm udev libudev1
        libatasmart4 util-linux)

# The kernel and the library closure, kept until apt's lists change (apt-cache takes seconds per
# call).
lists_stamp=$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -printf '%T@\n' 2>/dev/null |
        sort -n | tail -n 1)
key="$lists_stamp ${top[*]}"
if [[ -f $vm/packages.list && $(head -n 1 "$vm/packages.list") == "$key" ]]; then
        kpkg=$(sed -n 2p "$vm/packages.list")
        mapfile -t pkgs < <(tail -n +3 "$vm/packages.list")
else
        # Debian keeps one kernel ABI in the archive at a time: ask the meta package which.
        kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
                awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
        [[ -n $kpkg ]] || die "apt-cache knows no linux-image-amd64 (run apt-get update first)"

        # The libraries those need, following Depends/Pre-Depends through library packages only
        # (adduser, debconf, perl and the like are maintainer-script needs, not run-time ones),
        # one apt-cache call per level of the tree.
        declare -A seen=()
        level=("${top[@]}")
        pkgs=()
        while ((${#level[@]})); do
                next=()
                for p in "${level[@]}"; do
                        [[ -z ${seen[$p]:-} ]] || continue
                        seen[$p]=1
                        pkgs+=("$p")
                done
                while read -r dep; do
                        [[ $dep =~ ^(lib|zlib1g$) && -z ${seen[$dep]:-} ]] && next+=("$dep")
                done < <(apt-cache depends --no-recommends --no-suggests --no-conflicts --no-breaks \
                        --no-replaces --no-enhances "${level[@]}" 2>/dev/null |
                        awk '($1 == "Depends:" || $1 == "PreDepends:") && $2 !~ /^</ { print $2 }' | sort -u)
                level=("${next[@]}")
        done
        printf '%s\n' "$key" "$kpkg" "${pkgs[@]}" >"$vm/packages.list"
fi
kver=${kpkg#linux-image-}

# --- fetch and unpack --------------------------------------------------------------------------

deb_of() { # PACKAGE: the cached .deb of it, newest first; empty when none
        find "$debs" -maxdepth 1 -name "${1}_*.deb" | sort -V | tail -n 1
}
missing=()
for p in "$kpkg" "${pkgs[@]}"; do
        [[ -n $(deb_of "$p") ]] || missing+=("$p")
done
if ((${#missing[@]})); then
        echo "build_guest: apt-get download ${#missing[@]} packages into $debs"
        # as root apt warns that it cannot drop to its _apt user for a directory like this one
        (cd "$debs" && apt-get download -q "${missing[@]}" 2>&1) |
                grep -v '^W: Download is performed unsandboxed' || true
        for p in "${missing[@]}"; do
                [[ -n $(deb_of "$p") ]] || die "apt-get download $p failed (apt lists stale? run apt-get update; no network?)"
        done
fi

declare -A pkgdirs=()
for p in "$kpkg" "${pkgs[@]}"; do
        d=$(deb_of "$p")
        out=$unpacked/$(basename "$d" .deb)
        pkgdirs[$p]=$out
        if [[ ! -f $out.done ]]; then
                rm -rf "$out"
                dpkg-deb -x "$d" "$out" || die "dpkg-deb -x $d failed"
                touch "$out.done"
        fi
done
pkgdir() { # PACKAGE: its unpacked tree
        [[ -n ${pkgdirs[$1]:-} ]] || pkgdirs[$1]=$unpacked/$(basename "$(deb_of "$1")" .deb)
        echo "${pkgdirs[$1]}"
}
kroot=$(pkgdir "$kpkg")
[[ -f $kroot/boot/vmlinuz-$kver ]] || die "$kpkg has no /boot/vmlinuz-$kver"
cp "$kroot/boot/vmlinuz-$kver" "$guest/vmlinuz"

# --- the initramfs tree ------------------------------------------------------------------------

rm -rf "$tree"
mkdir -p "$tree"/{bin,sbin,usr/bin,usr/sbin,lib/x86_64-linux-gnu,lib64,etc/snmp/snmpd.conf.d,proc,sys,dev,run,tmp,out,var/lib,root}
chmod 1777 "$tree/tmp"

# Where a library may be found: every unpacked package's library directories.
libdirs=()
for p in "${pkgs[@]}"; do
        r=$(pkgdir "$p")
        for d in lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu lib/systemd usr/lib/systemd lib64; do
                [[ -d $r/$d ]] && libdirs+=("$r/$d")
        done
done

declare -A have_lib=()
copy_libs() { # ELF: copy the shared libraries it needs (recursively) into the tree
        local elf=$1 lib d found
        while read -r lib; do
                [[ -n ${have_lib[$lib]:-} ]] && continue
                found=
                for d in "${libdirs[@]}"; do
                        if [[ -e $d/$lib ]]; then
                                found=$d/$lib
                                break
                        fi
                done
                [[ -n $found ]] || die "$lib (needed by $(basename "$elf")) is in none of the unpacked packages: add its package to top= in $0"
                have_lib[$lib]=1
                cp -L "$found" "$tree/lib/x86_64-linux-gnu/$lib"
                copy_libs "$found"
        done < <(readelf -d "$elf" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
}

install_elf() { # PACKAGE PATH-IN-PACKAGE [DEST]: one program and its libraries
        local from
        from=$(pkgdir "$1")/$2
        [[ -f $from ]] || die "$1 has no $2"
        local dest=$tree/${3:-$2}
        mkdir -p "$(dirname "$dest")"
        rm -f "$dest" # a busybox applet link of that name: cp would write through it
        cp -L "$from" "$dest"
        copy_libs "$from"
}

# busybox and its applets (not "busybox" itself: a link over the binary would replace it)
install_elf busybox-static bin/busybox
for a in $("$tree/bin/busybox" --list-full); do
        [[ $a == */busybox || -e $tree/$a ]] && continue
        mkdir -p "$tree/$(dirname "$a")"
        ln -s /bin/busybox "$tree/$a"
done

install_elf snmpd usr/sbin/snmpd
install_elf snmptrapd usr/sbin/snmptrapd
for t in snmpget snmpwalk snmpbulkwalk; do install_elf snmp "usr/bin/$t"; done
install_elf mdadm sbin/mdadm
# systemd-udevd is udevadm under another name (a symbolic link in the package)
install_elf udev bin/udevadm
mkdir -p "$tree/lib/systemd"
ln -s /bin/udevadm "$tree/lib/systemd/systemd-udevd"
for h in ata_id scsi_id; do install_elf udev "lib/udev/$h"; done
mkdir -p "$tree/lib/udev/rules.d"
cp "$(pkgdir udev)"/lib/udev/rules.d/*.rules "$tree/lib/udev/rules.d/"
rm -f "$tree/bin/setpriv" # busybox's, which cannot change the user
install_elf util-linux usr/bin/setpriv
[[ -x $build/srvhealthd ]] || die "$build/srvhealthd is not built"
mkdir -p "$tree/usr/sbin"
cp "$build/srvhealthd" "$tree/usr/sbin/srvhealthd"
copy_libs "$build/srvhealthd"
ld=$(find "${libdirs[@]}" -maxdepth 1 -name 'ld-linux-x86-64.so.2' | head -n 1)
[[ -n $ld ]] || die "no ld-linux-x86-64.so.2 in libc6"
cp -L "$ld" "$tree/lib64/ld-linux-x86-64.so.2"
cp -L "$ld" "$tree/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"

# Kernel modules: the disks (AHCI, SCSI disk, NVMe, virtio for the output disk) and md, with
# whatever they depend on; depmod writes the modules.dep that modprobe reads.
# libcrc32c (raid456) finds its crc32c through the crypto API: a soft dependency modinfo does
# not list.
kmods=(crc32c_generic ahci sd_mod nvme virtio_pci virtio_blk md_mod raid1 raid456)
mdir=$kroot/lib/modules/$kver
declare -A have_mod=()
add_module() {
        local name=${1//-/_} path dep
        [[ -n ${have_mod[$name]:-} ]] && return 0
        have_mod[$name]=1
        if grep -Eq "/${name//_/[-_]}\\.ko\$" "$mdir/modules.builtin"; then
                return 0 # built into the kernel
        fi
        path=$(find "$mdir/kernel" -regextype posix-extended -regex ".*/${name//_/[-_]}\\.ko" | head -n 1)
        [[ -n $path ]] || die "kernel module $name not found in $kpkg"
        mkdir -p "$tree/lib/modules/$kver/$(dirname "${path#"$mdir"/}")"
        cp "$path" "$tree/lib/modules/$kver/${path#"$mdir"/}"
        for dep in $(/sbin/modinfo -F depends "$path" | tr ',' ' '); do
                add_module "$dep"
        done
}
for m in "${kmods[@]}"; do add_module "$m"; done
cp "$mdir/modules.builtin" "$mdir/modules.builtin.modinfo" "$mdir/modules.order" "$tree/lib/modules/$kver/"
/sbin/depmod -b "$tree" "$kver" || die "depmod failed"

# Users: the daemon's own, the disk group udev gives the disk nodes to.
cat >"$tree/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
srvhealth:x:990:990:srvhealthd:/var/lib/srvhealthd:/bin/false
EOF
cat >"$tree/etc/group" <<'EOF'
root:x:0:
disk:x:6:
srvhealth:x:990:
EOF
printf 'passwd: files\ngroup: files\nhosts: files\n' >"$tree/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n' >"$tree/etc/hosts"

# The snippet the Debian package installs for snmpd, unchanged, and the unit it runs under (the
# guest reads user, groups and capabilities from it).
cp "$src/packaging/snmpd.conf.d/srvhealth.conf" "$tree/etc/snmp/snmpd.conf.d/"
cp "$src/packaging/srvhealthd.service" "$tree/etc/srvhealthd.service"
# The drop-in the package ships for NVMe health (CAP_SYS_ADMIN), where an admin installs it.
[[ -f $src/packaging/nvme-health.conf ]] || die "packaging/nvme-health.conf is missing"
mkdir -p "$tree/etc/srvhealthd.service.d"
cp "$src/packaging/nvme-health.conf" "$tree/etc/srvhealthd.service.d/"
cp "$src/tests/vm/guest/init" "$tree/init"
cp "$src/tests/vm/guest/scenario.sh" "$tree/scenario.sh"
cp "$src/tests/vm/guest/srvhealthd.conf" "$tree/etc/snmp/srvhealthd.conf"
chmod 0755 "$tree/init" "$tree/scenario.sh"
chmod 0644 "$tree/etc/snmp/srvhealthd.conf"

(cd "$tree" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$guest/initrd.cpio"
echo "build_guest: kernel $kver, initramfs $(($(stat -c %s "$guest/initrd.cpio") / 1048576)) MiB, ${#pkgs[@]} packages"
