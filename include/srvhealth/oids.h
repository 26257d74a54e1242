/* The OID layout of SRVHEALTH-MIB, as the daemon serves it.
 * This is the one place in C where the MIB root is written; mibs/SRVHEALTH-MIB.txt is the other.
 * Every sub-identifier below must match the MIB: tests/mib/test_mib_oids.sh checks it. */
#ifndef SRVHEALTH_OIDS_H
#define SRVHEALTH_OIDS_H

/* srvHealthMIB ::= { netSnmpPlaypen 73 }: NET-SNMP-MIB's experimental area, provisional until an
 * IANA Private Enterprise Number is assigned. */
#define SRVH_ROOT_OID 1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 73
#define SRVH_ROOT_LEN 10

/* Below the root */
#define SRVH_NOTIFICATIONS 0 /* srvhNotifications */
#define SRVH_OBJECTS       1 /* srvhObjects: everything the handler serves */
#define SRVH_CONFORMANCE   2 /* srvhConformance */

/* Below srvhObjects: one arc per feature */
#define SRVH_AGENT  1 /* srvhAgent: scalars, srvhModuleTable */
#define SRVH_RAID   2 /* srvhRaid: array and member tables */
#define SRVH_DISK   3 /* srvhDisk: SMART disk and attribute tables */
#define SRVH_ZFS    4 /* srvhZfs: reserved for the ZFS module */
#define SRVH_EXT    5 /* srvhExt: exec checks */
#define SRVH_DISK   3 /* srvhDisk: reserved for the SMART module */
#define SRVH_ZFS    4 /* srvhZfs: pools, vdevs, ARC */
#define SRVH_EXT    5 /* srvhExt: reserved for exec checks */
#define SRVH_EVENTS 6 /* srvhEvents: srvhEventTable */
#define SRVH_NOTIFY 7 /* srvhNotifyObjects: accessible-for-notify varbinds */

/* srvhAgent scalars (instance .0) */
#define SRVH_AGENT_VERSION         1
#define SRVH_AGENT_START_TIME      2
#define SRVH_AGENT_OVERALL_STATUS  3
#define SRVH_AGENT_OVERALL_MESSAGE 4
#define SRVH_AGENT_MODULE_TABLE    5 /* .1 entry */
#define SRVH_AGENT_NOTIFY_QUEUED   6
#define SRVH_AGENT_NOTIFY_DROPPED  7
#define SRVH_AGENT_MASTER_CONNECTS 8

/* srvhModuleEntry columns, INDEX { srvhModuleIndex } */
#define SRVH_MODULE_INDEX         1
#define SRVH_MODULE_NAME          2
#define SRVH_MODULE_ENABLED       3
#define SRVH_MODULE_STATUS        4
#define SRVH_MODULE_LAST_POLL     5
#define SRVH_MODULE_POLL_DURATION 6
#define SRVH_MODULE_ERRORS        7
#define SRVH_MODULE_LAST_ERROR    8
#define SRVH_MODULE_POLL_INTERVAL 9
#define SRVH_MODULE_DATA_AGE      10
#define SRVH_MODULE_STALE         11
#define SRVH_MODULE_POLL_TIMEOUT  12

/* srvhRaid */
#define SRVH_RAID_ARRAY_TABLE  1 /* .1 entry, INDEX { srvhRaidArrayIndex } */
#define SRVH_RAID_MEMBER_TABLE 2 /* .1 entry, INDEX { srvhRaidArrayIndex, srvhRaidMemberIndex } */

/* srvhRaidArrayEntry columns */
#define SRVH_RA_INDEX         1
#define SRVH_RA_NAME          2
#define SRVH_RA_LEVEL         3
#define SRVH_RA_STATE         4
#define SRVH_RA_HEALTH        5
#define SRVH_RA_TOTAL         6
#define SRVH_RA_ACTIVE        7
#define SRVH_RA_WORKING       8
#define SRVH_RA_FAILED        9
#define SRVH_RA_SPARE         10
#define SRVH_RA_SYNC_ACTION   11
#define SRVH_RA_SYNC_PROGRESS 12
#define SRVH_RA_SYNC_SPEED    13
#define SRVH_RA_SYNC_ETA      14
#define SRVH_RA_MISMATCH      15
#define SRVH_RA_SIZE_BYTES    16
#define SRVH_RA_SIZE_MIB      17
#define SRVH_RA_UUID          18
#define SRVH_RA_METADATA      19
#define SRVH_RA_LAST_CHANGE   20
#define SRVH_RA_MEMBERS       21
#define SRVH_RA_SOURCE        22
#define SRVH_RA_EXPECTED      23
#define SRVH_RA_SPARES_WANTED 24

/* srvhRaidMemberEntry columns */
#define SRVH_RM_INDEX  1
#define SRVH_RM_DEVICE 2
#define SRVH_RM_SLOT   3
#define SRVH_RM_ROLE   4
#define SRVH_RM_STATE  5
#define SRVH_RM_ERRORS 6

/* srvhExt */
#define SRVH_EXT_TABLE        1 /* .1 entry, INDEX { srvhExtIndex } */
#define SRVH_EXT_OUTPUT_TABLE 2 /* .1 entry, INDEX { srvhExtIndex, srvhExtOutputLineIndex } */

/* srvhExtEntry columns: 1..3 and 100..103 keep UCD-SNMP-MIB extEntry's sub-identifiers */
#define SRVH_EXT_INDEX      1
#define SRVH_EXT_NAMES      2
#define SRVH_EXT_COMMAND    3
#define SRVH_EXT_STATUS     4
#define SRVH_EXT_LAST_RUN   5
#define SRVH_EXT_DURATION   6
#define SRVH_EXT_TIMED_OUT  7
#define SRVH_EXT_SIGNAL     8
#define SRVH_EXT_LINES      9
#define SRVH_EXT_TRUNCATED  10
#define SRVH_EXT_INTERVAL   11
#define SRVH_EXT_TIMEOUT    12
#define SRVH_EXT_RUNS       13
#define SRVH_EXT_RUN_ERROR  14
#define SRVH_EXT_RUNNING    15
#define SRVH_EXT_RESULT     100
#define SRVH_EXT_OUTPUT     101
#define SRVH_EXT_ERRFIX     102
#define SRVH_EXT_ERRFIX_CMD 103

/* srvhExtOutputEntry columns */
#define SRVH_EXT_OUT_LINE_INDEX 1
#define SRVH_EXT_OUT_LINE       2

/* UCD-SNMP-MIB's extTable (not ours): served too with serveUcdExtTable yes. extEntry is
 * extTable.1; its columns carry the same sub-identifiers as srvhExtEntry's. */
#define SRVH_UCD_EXT_OID        1, 3, 6, 1, 4, 1, 2021, 8 /* extTable */
#define SRVH_UCD_EXT_LEN        8
#define SRVH_UCD_EXT_ENTRY      1
#define SRVH_UCD_EXT_INDEX      1
#define SRVH_UCD_EXT_NAMES      2
#define SRVH_UCD_EXT_COMMAND    3
#define SRVH_UCD_EXT_RESULT     100
#define SRVH_UCD_EXT_OUTPUT     101
#define SRVH_UCD_EXT_ERRFIX     102
#define SRVH_UCD_EXT_ERRFIX_CMD 103
/* srvhDisk */
#define SRVH_DISK_TABLE      1 /* .1 entry, INDEX { srvhDiskKey } */
#define SRVH_DISK_ATTR_TABLE 2 /* .1 entry, INDEX { srvhDiskKey, srvhDiskAttrId } */
#define SRVH_DISK_PATH_TABLE 4 /* .1 entry, INDEX { srvhDiskKey, srvhDiskPathIndex } */

/* srvhDiskPathEntry columns */
#define SRVH_DP_INDEX  1
#define SRVH_DP_DEVICE 2

/* srvhDiskEntry columns */
#define SRVH_DK_KEY           1
#define SRVH_DK_DEVICE        2
#define SRVH_DK_MODEL         3
#define SRVH_DK_SERIAL        4
#define SRVH_DK_FIRMWARE      5
#define SRVH_DK_WWN           6
#define SRVH_DK_CAPACITY      7
#define SRVH_DK_CAPACITY_MIB  8
#define SRVH_DK_POWER_STATE   9
#define SRVH_DK_SMART_AVAIL   10
#define SRVH_DK_SMART_ENABLED 11
#define SRVH_DK_VERDICT       12
#define SRVH_DK_HEALTH        13
#define SRVH_DK_TEMPERATURE   14
#define SRVH_DK_POWER_ON      15
#define SRVH_DK_POWER_CYCLES  16
#define SRVH_DK_REALLOCATED   17
#define SRVH_DK_PENDING       18
#define SRVH_DK_OFFLINE_UNC   19
#define SRVH_DK_LAST_READ     20
#define SRVH_DK_DATA_AGE      21
#define SRVH_DK_READ_STATUS   22
#define SRVH_DK_READ_ERROR    23
/* 30..49: the transport and the NVMe health log (srvhDiskNvme*) */
#define SRVH_DK_TRANSPORT          30
#define SRVH_DK_NVME_WARNING       31
#define SRVH_DK_NVME_SPARE         32
#define SRVH_DK_NVME_SPARE_THRESH  33
#define SRVH_DK_NVME_USED          34
#define SRVH_DK_NVME_UNITS_READ    35
#define SRVH_DK_NVME_UNITS_WRITTEN 36
#define SRVH_DK_NVME_UNSAFE        37
#define SRVH_DK_NVME_MEDIA_ERRORS  38
#define SRVH_DK_NVME_ERROR_LOG     39
/* 50..69: self-test and error logs, SCT ERC, link, temperatures seen, standby skips */
#define SRVH_DK_SELFTEST_STATUS    50
#define SRVH_DK_SELFTEST_TYPE      51
#define SRVH_DK_SELFTEST_HOUR      52
#define SRVH_DK_SELFTEST_REMAINING 53
#define SRVH_DK_HOURS_SINCE_LONG   54
#define SRVH_DK_SELFTEST_FAILURES  55
#define SRVH_DK_ERRLOG_COUNT       56
#define SRVH_DK_XERRLOG_COUNT      57
#define SRVH_DK_ERC_STATE          58
#define SRVH_DK_ERC_READ           59
#define SRVH_DK_ERC_WRITE          60
#define SRVH_DK_CMD_TIMEOUT        61
#define SRVH_DK_RAID_ARRAYS        62
#define SRVH_DK_LINK_SPEED         63
#define SRVH_DK_LINK_SPEED_MAX     64
#define SRVH_DK_TEMP_MIN_SEEN      65
#define SRVH_DK_TEMP_MAX_SEEN      66
#define SRVH_DK_TEMP_LIFE_MIN      67
#define SRVH_DK_TEMP_LIFE_MAX      68
#define SRVH_DK_STANDBY_SKIPS      69

/* srvhDiskAttrEntry columns */
#define SRVH_DA_ID         1
#define SRVH_DA_NAME       2
#define SRVH_DA_VALUE      3
#define SRVH_DA_WORST      4
#define SRVH_DA_THRESHOLD  5
#define SRVH_DA_RAW        6
#define SRVH_DA_PRETTY     7
#define SRVH_DA_UNIT       8
#define SRVH_DA_PREFAILURE 9
#define SRVH_DA_ONLINE     10
#define SRVH_DA_GOOD_NOW   11
#define SRVH_DA_GOOD_PAST  12
/* srvhZfs */
#define SRVH_ZFS_POOL_TABLE    1 /* .1 entry, INDEX { srvhZpoolName } */
#define SRVH_ZFS_VDEV_TABLE    2 /* .1 entry, INDEX { srvhZpoolName, class, vdev name } */
#define SRVH_ZFS_ARC           3 /* scalars */
#define SRVH_ZFS_DATASET_TABLE 4 /* .1 entry, INDEX { srvhZfsDatasetName } */
#define SRVH_ZFS_DDT_TABLE     5 /* .1 entry, INDEX { srvhZpoolName, srvhZfsDdtRefcount } */

/* srvhZpoolEntry columns */
#define SRVH_ZP_NAME           1
#define SRVH_ZP_HEALTH         2
#define SRVH_ZP_STATUS         3
#define SRVH_ZP_SIZE_BYTES     4
#define SRVH_ZP_SIZE_MIB       5
#define SRVH_ZP_ALLOC_BYTES    6
#define SRVH_ZP_ALLOC_MIB      7
#define SRVH_ZP_FREE_BYTES     8
#define SRVH_ZP_FREE_MIB       9
#define SRVH_ZP_FRAGMENTATION  10
#define SRVH_ZP_CAPACITY       11
#define SRVH_ZP_DEDUP_RATIO    12
#define SRVH_ZP_READ_ERRORS    13
#define SRVH_ZP_WRITE_ERRORS   14
#define SRVH_ZP_CKSUM_ERRORS   15
#define SRVH_ZP_DATA_ERRORS    16
#define SRVH_ZP_SCAN_FUNCTION  17
#define SRVH_ZP_SCAN_STATE     18
#define SRVH_ZP_SCAN_PROGRESS  19
#define SRVH_ZP_SCAN_ETA       20
#define SRVH_ZP_SCAN_COMPLETED 21
#define SRVH_ZP_SCAN_AGE       22
#define SRVH_ZP_SCAN_ERRORS    23
#define SRVH_ZP_SCRUB_OVERDUE  24
#define SRVH_ZP_DDT_ENTRIES    25
#define SRVH_ZP_DDT_DISK_BYTES 26
#define SRVH_ZP_DDT_CORE_BYTES 27
#define SRVH_ZP_KERNEL_STATE   28
#define SRVH_ZP_DDT_LOOKUPS    29
#define SRVH_ZP_DDT_LOOKUP_NEW 30
#define SRVH_ZP_DDT_LOOKUP_HIT 31
#define SRVH_ZP_SOURCE_FORM    32

/* srvhZfsVdevEntry columns */
#define SRVH_ZV_CLASS        1
#define SRVH_ZV_NAME         2
#define SRVH_ZV_STATE        3
#define SRVH_ZV_READ_ERRORS  4
#define SRVH_ZV_WRITE_ERRORS 5
#define SRVH_ZV_CKSUM_ERRORS 6
#define SRVH_ZV_PARENT       7
#define SRVH_ZV_DEPTH        8
#define SRVH_ZV_NOTE         9
#define SRVH_ZV_GUID         10
#define SRVH_ZV_PATH         11
#define SRVH_ZV_TYPE         12

/* srvhZfsDatasetEntry columns */
#define SRVH_ZD_NAME           1
#define SRVH_ZD_DEDUP          2
#define SRVH_ZD_COMPRESS_RATIO 3

/* srvhZfsDdtEntry columns */
#define SRVH_ZT_REFCOUNT        1
#define SRVH_ZT_ALLOC_BLOCKS    2
#define SRVH_ZT_ALLOC_LSIZE     3
#define SRVH_ZT_ALLOC_PSIZE     4
#define SRVH_ZT_ALLOC_DSIZE     5
#define SRVH_ZT_ALLOC_DSIZE_MIB 6
#define SRVH_ZT_REF_BLOCKS      7
#define SRVH_ZT_REF_LSIZE       8
#define SRVH_ZT_REF_PSIZE       9
#define SRVH_ZT_REF_DSIZE       10
#define SRVH_ZT_REF_DSIZE_MIB   11

/* srvhZfsArc scalars (instance .0) */
#define SRVH_ARC_SIZE_BYTES   1
#define SRVH_ARC_SIZE_MIB     2
#define SRVH_ARC_TARGET_BYTES 3
#define SRVH_ARC_MAX_BYTES    4
#define SRVH_ARC_HITS         5
#define SRVH_ARC_MISSES       6
#define SRVH_ARC_HIT_RATIO    7
#define SRVH_ARC_L2_SIZE      8
#define SRVH_ARC_L2_HITS      9
#define SRVH_ARC_L2_MISSES    10

/* srvhEvents */
#define SRVH_EVENT_TABLE    1 /* .1 entry, INDEX { srvhEventSeq } */
#define SRVH_EVENT_LAST_SEQ 2 /* scalar */

/* srvhEventEntry columns */
#define SRVH_EV_SEQ          1
#define SRVH_EV_TIME         2
#define SRVH_EV_SEVERITY     3
#define SRVH_EV_NOTIFICATION 4
#define SRVH_EV_OBJECT       5
#define SRVH_EV_TEXT         6

/* srvhNotifyObjects (accessible-for-notify, carried by every notification in this order) */
#define SRVH_NOTIFY_SEQ       1
#define SRVH_NOTIFY_SEVERITY  2
#define SRVH_NOTIFY_OBJECT    3
#define SRVH_NOTIFY_NEW_STATE 4
#define SRVH_NOTIFY_OLD_STATE 5
#define SRVH_NOTIFY_TEXT      6
#define SRVH_NOTIFY_VALUE     7

/* Notifications below srvhNotifications (.0). RAID 1..19; 20..39 disks, 40..59 ZFS, 60..79 checks,
 * 80..89 the agent itself. */
#define SRVH_TRAP_RAID_DEGRADED          1
#define SRVH_TRAP_RAID_FAILED            2
#define SRVH_TRAP_RAID_RECOVERED         3
#define SRVH_TRAP_RAID_MEMBER_FAILED     4
#define SRVH_TRAP_RAID_SPARE_FAILED      5
#define SRVH_TRAP_RAID_SPARE_ACTIVATED   6
#define SRVH_TRAP_RAID_REBUILD_STARTED   7
#define SRVH_TRAP_RAID_REBUILD_PROGRESS  8
#define SRVH_TRAP_RAID_REBUILD_FINISHED  9
#define SRVH_TRAP_RAID_ARRAY_APPEARED    10
#define SRVH_TRAP_RAID_ARRAY_DISAPPEARED 11
#define SRVH_TRAP_CHECK_FAILED           60
#define SRVH_TRAP_CHECK_RECOVERED        61
#define SRVH_TRAP_DISK_VERDICT_WORSE     20
#define SRVH_TRAP_DISK_VERDICT_BETTER    21
#define SRVH_TRAP_DISK_TEMP_HIGH         22
#define SRVH_TRAP_DISK_TEMP_NORMAL       23
#define SRVH_TRAP_DISK_REALLOC_INCREASED 24
#define SRVH_TRAP_DISK_PENDING_INCREASED 25
#define SRVH_TRAP_DISK_READ_FAILED       26
#define SRVH_TRAP_DISK_READ_RECOVERED    27
#define SRVH_TRAP_DISK_APPEARED          28
#define SRVH_TRAP_DISK_REMOVED           29
#define SRVH_TRAP_NVME_WARNING_RAISED    30
#define SRVH_TRAP_NVME_WARNING_CLEARED   31
#define SRVH_TRAP_NVME_SPARE_LOW         32
#define SRVH_TRAP_NVME_SPARE_OK          33
#define SRVH_TRAP_NVME_WEAR_HIGH         34
#define SRVH_TRAP_NVME_WEAR_NORMAL       35
#define SRVH_TRAP_NVME_MEDIA_ERRORS      36
#define SRVH_TRAP_DISK_SELFTEST_FAILED   50 /* 50..59: self-test, error log, ERC, link */
#define SRVH_TRAP_DISK_SELFTEST_PASSED   51
#define SRVH_TRAP_DISK_ERRLOG_INCREASED  52
#define SRVH_TRAP_DISK_ERC_WARNING       53
#define SRVH_TRAP_DISK_ERC_OK            54
#define SRVH_TRAP_DISK_REPLACED          55
#define SRVH_TRAP_DISK_LINK_SLOW         56
#define SRVH_TRAP_DISK_LINK_NORMAL       57
#define SRVH_TRAP_RAID_SPARES_MISSING    12
#define SRVH_TRAP_RAID_SPARES_RESTORED   13
#define SRVH_TRAP_RAID_ARRAY_MISSING     14
#define SRVH_TRAP_RAID_ARRAY_FOUND       15
#define SRVH_TRAP_ZPOOL_HEALTH_CHANGED   40
#define SRVH_TRAP_ZPOOL_SCAN_FINISHED    41
#define SRVH_TRAP_ZFS_VDEV_ERRORS        42
#define SRVH_TRAP_ZPOOL_APPEARED         43
#define SRVH_TRAP_ZPOOL_DISAPPEARED      44
#define SRVH_TRAP_ZPOOL_NO_RECENT_SCRUB  45
#define SRVH_TRAP_ZPOOL_DATA_ERRORS      46
#define SRVH_TRAP_ZPOOL_SCAN_STARTED     47
#define SRVH_TRAP_MODULE_FAILED          80
#define SRVH_TRAP_MODULE_RECOVERED       81
#define SRVH_TRAP_EVENTS_LOST            82

#endif
