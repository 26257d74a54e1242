/* Which block devices the smart module reads (smart_udev.h): whole physical disks only, decided
 * from the udev properties of each device. Pure: no I/O. */
#include <string.h>

#include "smart/smart_udev.h"

static bool has_prefix(const char *s, const char *p)
{
        return strncmp(s, p, strlen(p)) == 0;
}

bool smart_udev_is_disk(const struct smart_udev_props *p)
{
        /* kernel block drivers that are not physical disks (or have no SMART of their own) */
        static const char *const skip[] = {"loop", "ram", "zram", "md",   "dm-", "nbd",
                                           "sr",   "fd",  "zd",   "drbd", "rbd", "nullb"};
        const char *n = p->sysname;

        if (!n || !n[0] || !p->devtype || strcmp(p->devtype, "disk") != 0)
                return false;
        /* NVMe namespaces under native multipath hang below the virtual nvme-subsystem device,
         * and their per-path nodes (nvme0c0n1) are hidden duplicates of them */
        bool nvme_head = p->devpath && has_prefix(p->devpath, "/devices/virtual/nvme-subsystem/");
        if (p->devpath && !nvme_head &&
            (has_prefix(p->devpath, "/devices/virtual/") || strstr(p->devpath, "/virtual/block/")))
                return false;
        if (has_prefix(n, "nvme") && strchr(n, 'c'))
                return false;
        for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++) {
                size_t k = strlen(skip[i]);
                /* "md0", "sr0", "dm-3", "loop7": the prefix, then a digit or nothing else */
                if (has_prefix(n, skip[i]) && (n[k] == '\0' || (n[k] >= '0' && n[k] <= '9')))
                        return false;
        }
        if (has_prefix(n, "mmcblk") && (strstr(n, "boot") || strstr(n, "rpmb")))
                return false;
        if (p->cdrom && !strcmp(p->cdrom, "1"))
                return false;
        return true;
}
