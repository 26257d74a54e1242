/* The md module's enumerations in SRVHEALTH-MIB (srvhRaidArrayState, srvhRaidArraySyncAction,
 * srvhRaidMemberRole). The numeric values are the MIB's: never renumber, only append;
 * tests/mib/test_mib_oids.sh checks them against the MIB. Names for logs and notifications are in
 * md_enums.c, spelled as the MIB's labels. */
#ifndef SRVH_MD_ENUMS_H
#define SRVH_MD_ENUMS_H

/* srvhRaidArrayState */
enum md_array_state {
        MD_STATE_CLEAN = 1,
        MD_STATE_ACTIVE = 2,
        MD_STATE_DEGRADED = 3,
        MD_STATE_RESYNCING = 4,
        MD_STATE_RECOVERING = 5,
        MD_STATE_CHECKING = 6,
        MD_STATE_REPAIRING = 7,
        MD_STATE_RESHAPING = 8,
        MD_STATE_INACTIVE = 9,
        MD_STATE_READONLY = 10,
        MD_STATE_READ_AUTO = 11,
        MD_STATE_FAILED = 12,
        MD_STATE_RESYNC_DELAYED = 13,
        MD_STATE_RESYNC_PENDING = 14,
        MD_STATE_UNKNOWN = 15,
        MD_STATE_MISSING = 16, /* listed in mdadm.conf, not running */
        MD_STATE_MAX_
};

/* srvhRaidArraySyncAction: sysfs sync_action words (mdstat's "recovery" is recover) */
enum md_sync_action {
        MD_SYNC_IDLE = 1,
        MD_SYNC_RESYNC = 2,
        MD_SYNC_RECOVER = 3,
        MD_SYNC_CHECK = 4,
        MD_SYNC_REPAIR = 5,
        MD_SYNC_RESHAPE = 6,
        MD_SYNC_FROZEN = 7,
        MD_SYNC_UNKNOWN = 8,
        MD_SYNC_MAX_
};

/* srvhRaidMemberRole */
enum md_member_role {
        MD_ROLE_ACTIVE = 1,
        MD_ROLE_SPARE = 2,
        MD_ROLE_FAULTY = 3,
        MD_ROLE_WRITE_MOSTLY = 4,
        MD_ROLE_REPLACEMENT = 5,
        MD_ROLE_JOURNAL = 6,
        MD_ROLE_MISSING = 7,
        MD_ROLE_REBUILDING = 8,
        MD_ROLE_MAX_
};

const char *md_array_state_name(enum md_array_state s);
const char *md_sync_action_name(enum md_sync_action a);
const char *md_member_role_name(enum md_member_role r);

#endif
