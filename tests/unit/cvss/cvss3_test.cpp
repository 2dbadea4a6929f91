// CVSS v3.0 and v3.1: scores against reference calculators, Roundup, order and errors.
#include <catch2/catch.hpp>

#include "cvss_case.h"
#include "sbom/cvss.h"

using cvss_test::Case;
using cvss_test::kNone;
using cvss_test::error_of;
using sbom::cvss::CvssVersion;
using sbom::cvss::score_cvss;

namespace {

// The examples of FIRST's "CVSS v3.1 Examples" document (phpMyAdmin XSS, MySQL SQLi, POODLE,
// VMware escape, Tomcat, Cisco IOS, iWork, Heartbleed, Shellshock, Kaminsky DNS, Sophos,
// Joomla, Cisco ACL, Juniper ARP, DokuWiki, Windows Bluetooth, iOS, SearchBlox, OpenSSL CCS,
// Chrome PDFium, Badlock).
constexpr Case kSpecExamples31[] = {
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8, kNone, kNone},
    {"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N", 5.8, kNone, kNone},
    {"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4, kNone, kNone},
    {"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8, kNone, kNone},
    {"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 4.6, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", 6.8, kNone, kNone},
};

// Vector -> scores: 40 base vectors from the RedHatProductSecurity/cvss test vectors, and 40
// random vectors with temporal and environmental metrics (many written as X) as that library
// scores them (its v3.1 arithmetic is exact decimal, as Appendix A's Roundup intends).
constexpr Case kCases31[] = {
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:H", 8.2, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:L/I:N/A:N", 2.2, kNone, kNone},
    {"CVSS:3.1/AV:P/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N", 4.3, kNone, kNone},
    {"CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:C/C:H/I:L/A:N", 7.6, kNone, kNone},
    {"CVSS:3.1/AV:P/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:H", 4.6, kNone, kNone},
    {"CVSS:3.1/AV:A/AC:H/PR:L/UI:R/S:C/C:H/I:H/A:L", 7.5, kNone, kNone},
    {"CVSS:3.1/AV:P/AC:H/PR:H/UI:N/S:C/C:H/I:N/A:H", 6.6, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:N/I:H/A:H", 8.2, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:N/I:H/A:N", 4.4, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:L", 4.3, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:N/I:L/A:L", 4.6, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:L", 6.8, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:N/A:L", 7.1, kNone, kNone},
    {"CVSS:3.1/AV:P/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:H", 6.2, kNone, kNone},
    {"CVSS:3.1/AV:A/AC:H/PR:N/UI:R/S:C/C:N/I:H/A:N", 5.6, kNone, kNone},
    {"CVSS:3.1/AV:A/AC:L/PR:H/UI:R/S:C/C:H/I:H/A:L", 7.8, kNone, kNone},
    {"CVSS:3.1/AV:P/AC:L/PR:L/UI:R/S:C/C:L/I:N/A:H", 5.7, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:H", 7.3, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:L/I:N/A:H", 7.1, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 6.2, kNone, kNone},
    {"CVSS:3.1/AV:A/AC:H/PR:H/UI:R/S:C/C:L/I:N/A:L", 3.7, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:L", 8.9, kNone, kNone},
    {"CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:C/C:N/I:N/A:L", 3.4, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:N/I:N/A:H", 6.3, kNone, kNone},
    {"CVSS:3.1/AV:A/AC:L/PR:H/UI:R/S:U/C:N/I:N/A:L", 2.1, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:N/I:N/A:N", 0.0, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:H/I:N/A:H", 7.3, kNone, kNone},
    {"CVSS:3.1/AV:P/AC:L/PR:H/UI:N/S:C/C:H/I:N/A:L", 5.7, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:N/A:L", 5.4, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:N", 5.5, kNone, kNone},
    {"CVSS:3.1/AV:A/AC:L/PR:H/UI:N/S:U/C:N/I:L/A:H", 5.2, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:N/A:H", 7.5, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:H/PR:H/UI:N/S:C/C:N/I:N/A:H", 5.3, kNone, kNone},
    {"CVSS:3.1/AV:P/AC:L/PR:H/UI:N/S:C/C:N/I:H/A:H", 6.8, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:H/I:H/A:N", 7.3, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:N", 3.7, kNone, kNone},
    {"CVSS:3.1/AV:A/AC:H/PR:H/UI:R/S:U/C:H/I:L/A:H", 5.9, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", 6.8, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:H", 8.0, kNone, kNone},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:N/A:N/E:H/MA:N", 4.3, 4.3, 4.3},
    {"CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:L/MUI:N/MC:N", 6.5, kNone, 5.3},
    {"CVSS:3.1/AV:A/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N/RL:U/AR:H/MAV:P/MPR:X/MS:C/MI:X", 2.6, 2.6, 2.0},
    {"CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:N/I:H/A:N/MUI:N/MA:N", 4.7, kNone, 4.7},
    {"CVSS:3.1/AV:A/AC:H/PR:L/UI:R/S:U/C:N/I:H/A:N/E:X/RL:T/AR:M/MPR:H/MUI:R/MI:N/MA:X", 4.5, 4.4, 0.0},
    {"CVSS:3.1/AV:A/AC:L/PR:H/UI:N/S:U/C:H/I:L/A:L/RL:X/RC:U/CR:X/AR:M/MAC:X/MPR:N/MUI:X/MS:X/MC:H/MA:N", 5.7, 5.3, 6.6},
    {"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:N/I:H/A:N/CR:L/AR:L/MAC:X/MUI:R/MS:U/MA:N", 6.3, kNone, 5.5},
    {"CVSS:3.1/AV:A/AC:H/PR:L/UI:N/S:C/C:H/I:N/A:L/E:P/RL:U/RC:C/CR:H/IR:L/AR:L/MAC:L/MUI:N/MA:H", 6.5, 6.2, 8.6},
    {"CVSS:3.1/AV:A/AC:H/PR:H/UI:N/S:U/C:H/I:L/A:H/E:H/RL:W/MAV:N/MAC:X/MUI:R/MC:N/MI:X/MA:X", 6.0, 5.9, 4.7},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N/E:H/RC:X/CR:H/IR:L/MAV:N/MAC:X/MUI:X/MS:C/MC:N", 6.5, 6.5, 0.0},
    {"CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:U/C:L/I:N/A:L/MAC:L/MS:C/MI:X/MA:N", 3.5, kNone, 3.4},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:H/RC:U/CR:M/IR:X/AR:M/MAV:L/MPR:H/MUI:R/MS:C/MC:L/MI:H", 8.6, 8.0, 7.1},
    {"CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:C/C:H/I:L/A:H/RL:T/CR:M/IR:H/MAV:X/MAC:X/MUI:N/MI:N/MA:N", 7.9, 7.6, 6.1},
    {"CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:L/I:L/A:H/E:P/RL:U/CR:L/MAV:P/MS:X/MI:N", 7.5, 7.1, 4.9},
    {"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:L/I:L/A:N/E:P/CR:L/IR:H/AR:M/MAV:L/MAC:H/MPR:X/MUI:N/MS:U/MC:L/MI:H/MA:H", 6.1, 5.8, 7.0},
    {"CVSS:3.1/AV:L/AC:H/PR:N/UI:N/S:C/C:N/I:N/A:L/RL:U/AR:L/MAC:H/MPR:X/MUI:N/MC:X/MA:L", 3.2, 3.2, 2.3},
    {"CVSS:3.1/AV:A/AC:H/PR:L/UI:N/S:C/C:L/I:N/A:L", 4.4, kNone, kNone},
    {"CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:C/C:H/I:L/A:N/IR:X/MAC:X/MPR:X/MS:U/MC:H", 5.8, kNone, 4.6},
    {"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:N/A:H/CR:X/MS:X", 5.5, kNone, kNone},
    {"CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N/E:P/RL:T/CR:M/IR:M/AR:X/MAC:L/MPR:H/MUI:X/MS:C/MC:H/MI:H", 0.0, 0.0, 6.1},
    {"CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:N/I:N/A:L/E:U/RC:R/CR:M/IR:L/AR:X/MAV:N/MAC:H/MPR:L/MUI:N/MC:X/MI:L/MA:X", 2.2, 2.0, 3.2},
    {"CVSS:3.1/AV:A/AC:L/PR:H/UI:R/S:U/C:L/I:N/A:N/E:X/RC:C/MAC:H/MUI:N", 2.1, 2.1, 2.0},
    {"CVSS:3.1/AV:P/AC:H/PR:N/UI:R/S:U/C:N/I:N/A:H/E:X/RC:X/CR:X/IR:H/AR:H/MAV:X/MAC:H/MPR:N/MUI:R/MS:U/MI:N/MA:X", 4.0, kNone, 5.8},
    {"CVSS:3.1/AV:A/AC:L/PR:H/UI:N/S:C/C:L/I:N/A:H/E:H/RL:X/RC:U/CR:L/IR:H/AR:H/MAV:A/MAC:H/MS:X/MC:X/MI:N", 6.9, 6.4, 7.0},
    {"CVSS:3.1/AV:L/AC:H/PR:L/UI:R/S:C/C:N/I:L/A:L/E:F/RL:W", 3.9, 3.7, kNone},
    {"CVSS:3.1/AV:P/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:L/RL:U/IR:L/MAV:P/MS:X/MC:N/MI:H", 6.2, 6.2, 3.5},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:N/I:L/A:H/E:U/RL:O/RC:R/MAC:H/MPR:L/MS:X", 5.9, 4.9, 4.5},
    {"CVSS:3.1/AV:A/AC:L/PR:N/UI:R/S:C/C:H/I:N/A:L/E:X/MAV:X/MPR:H/MS:U/MI:L/MA:X", 7.4, kNone, 5.4},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H/E:P/RL:W/RC:X/CR:M/IR:H/AR:X/MAV:A/MUI:N/MS:U/MC:H/MI:H", 7.4, 6.8, 6.9},
    {"CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:C/C:L/I:N/A:L/E:H/RL:X/RC:R/AR:H/MAV:P/MAC:X/MPR:H/MUI:N/MS:X/MC:H/MI:N", 3.3, 3.2, 5.7},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:N/I:H/A:H/E:U/RL:O/RC:U/CR:M/IR:M/MAV:N/MAC:X/MPR:X/MUI:X/MC:X/MI:X/MA:L", 8.7, 7.0, 6.1},
    {"CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:L/E:X/AR:H/MAC:L", 7.9, kNone, 8.2},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:L/RL:X/AR:L", 8.9, kNone, 8.8},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L/E:X/RC:X/AR:L/MAV:L/MPR:H/MUI:N/MS:U/MI:H/MA:X", 5.3, kNone, 4.8},
    {"CVSS:3.1/AV:A/AC:H/PR:H/UI:N/S:U/C:H/I:L/A:L/E:X/RC:R/IR:X/AR:L/MAV:N/MAC:L/MPR:X/MUI:R/MS:X/MC:H/MA:N", 5.3, 5.1, 5.0},
    {"CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:C/C:H/I:L/A:L/CR:X/MAV:A/MPR:X/MUI:X/MS:X/MI:N/MA:H", 6.8, kNone, 7.0},
    {"CVSS:3.1/AV:P/AC:H/PR:N/UI:R/S:C/C:N/I:N/A:N/RL:X/CR:X/MAC:L/MS:U/MA:H", 0.0, kNone, 4.3},
    {"CVSS:3.1/AV:L/AC:H/PR:N/UI:N/S:C/C:L/I:L/A:H/E:F/IR:H/MAC:X/MS:C/MI:X/MA:L", 7.3, 7.1, 6.1},
    {"CVSS:3.1/AV:P/AC:H/PR:H/UI:N/S:C/C:N/I:L/A:H/CR:X/AR:L/MAV:P/MPR:L/MA:H", 5.5, kNone, 3.8},
    {"CVSS:3.1/AV:L/AC:H/PR:H/UI:N/S:U/C:H/I:H/A:N/E:P", 5.7, 5.4, kNone},
};

// v3.0: base vectors, the FIRST v3.0 calculator's own examples and vectors with temporal and
// environmental metrics (from RedHatProductSecurity/cvss and cvsslib test data).
constexpr Case kCases30[] = {
    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:N/I:H/A:H", 9.3, kNone, kNone},
    {"CVSS:3.0/AV:L/AC:H/PR:N/UI:R/S:C/C:N/I:N/A:N", 0.0, kNone, kNone},
    {"CVSS:3.0/AV:P/AC:L/PR:H/UI:N/S:C/C:N/I:N/A:H", 4.9, kNone, kNone},
    {"CVSS:3.0/AV:A/AC:H/PR:H/UI:R/S:C/C:H/I:N/A:L", 5.9, kNone, kNone},
    {"CVSS:3.0/AV:P/AC:L/PR:L/UI:R/S:U/C:H/I:N/A:N", 4.1, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:H/UI:R/S:U/C:N/I:N/A:H", 4.5, kNone, kNone},
    {"CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:C/C:N/I:N/A:H", 6.3, kNone, kNone},
    {"CVSS:3.0/AV:P/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:L", 7.1, kNone, kNone},
    {"CVSS:3.0/AV:P/AC:H/PR:H/UI:N/S:C/C:L/I:L/A:L", 4.4, kNone, kNone},
    {"CVSS:3.0/AV:A/AC:H/PR:L/UI:R/S:C/C:N/I:L/A:L", 4.0, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:N/A:L", 4.0, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:N/A:L", 3.8, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:N/I:N/A:N", 0.0, kNone, kNone},
    {"CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:L/A:H", 8.5, kNone, kNone},
    {"CVSS:3.0/AV:A/AC:H/PR:L/UI:N/S:C/C:N/I:L/A:L", 4.4, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:H", 8.1, kNone, kNone},
    {"CVSS:3.0/AV:P/AC:H/PR:L/UI:N/S:C/C:H/I:N/A:L", 5.6, kNone, kNone},
    {"CVSS:3.0/AV:P/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H", 4.3, kNone, kNone},
    {"CVSS:3.0/AV:L/AC:L/PR:L/UI:R/S:C/C:L/I:H/A:L", 7.3, kNone, kNone},
    {"CVSS:3.0/AV:A/AC:H/PR:H/UI:N/S:U/C:N/I:H/A:L", 4.8, kNone, kNone},
    {"CVSS:3.0/AV:L/AC:L/PR:H/UI:R/S:C/C:L/I:N/A:N", 2.8, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:H/PR:H/UI:N/S:U/C:N/I:H/A:L", 5.0, kNone, kNone},
    {"CVSS:3.0/AV:L/AC:H/PR:L/UI:N/S:C/C:L/I:L/A:H", 7.0, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, kNone, kNone},
    {"CVSS:3.0/AV:L/AC:H/PR:N/UI:R/S:U/C:H/I:L/A:N", 5.3, kNone, kNone},
    {"CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X", 3.8, 3.7, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:C/CR:H/IR:H/AR:H/MAV:N/MAC:L/MPR:L/MUI:N/MS:C/MC:H/MI:H/MA:H", 9.3, 8.9, 9.5},
    {"CVSS:3.0/AV:L/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N/MAV:A/MAC:L/MPR:N/MUI:N/MS:U/MC:N/MI:N/MA:N", 4.6, kNone, 0.0},
    {"CVSS:3.0/AV:L/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N/MAV:A/MAC:L/MPR:N/MUI:N/MS:U/MC:L/MI:N/MA:N", 4.6, kNone, 4.3},
    {"CVSS:3.0/AV:L/AC:L/PR:H/UI:R/S:U/C:H/I:N/A:H/E:H/RL:W/RC:U/CR:H/IR:H/AR:M/MAV:L/MAC:L/MPR:H/MUI:N/MS:C/MC:N/MI:H/MA:L", 5.8, 5.2, 7.4},
    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, kNone, kNone},
    {"CVSS:3.0/AV:L/AC:L/PR:H/UI:R/S:U/C:H/I:N/A:H/MPR:N", 5.8, kNone, 7.1},
    {"CVSS:3.0/AV:A/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:H", 8.2, kNone, kNone},
    {"CVSS:3.0/AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:L/E:U/RL:U/RC:R/CR:M/MPR:L/MUI:R/MI:N/MA:H", 7.7, 6.8, 6.3},
    {"CVSS:3.0/AV:L/AC:H/PR:H/UI:N/S:C/C:N/I:H/A:N/E:P/RL:U/RC:U/CR:H/IR:L/AR:H/MAV:L/MUI:R/MS:C/MC:N/MI:L/MA:N", 5.3, 4.6, 1.3},
    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, kNone, kNone},
    {"CVSS:3.0/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, kNone, kNone},
    {"CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8, kNone, kNone},
    {"CVSS:3.0/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N", 5.8, kNone, kNone},
    {"CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4, kNone, kNone},
    {"CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8, kNone, kNone},
    {"CVSS:3.0/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 4.6, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4, kNone, kNone},
    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6, kNone, kNone},
};

}  // namespace

TEST_CASE("cvss 3.1 specification examples") {
  for (const Case& c : kSpecExamples31) cvss_test::check_case(c, CvssVersion::V3_1);
}

TEST_CASE("cvss 3.1 vectors") {
  for (const Case& c : kCases31) cvss_test::check_case(c, CvssVersion::V3_1);
}

TEST_CASE("cvss 3.0 vectors") {
  for (const Case& c : kCases30) cvss_test::check_case(c, CvssVersion::V3_0);
}

TEST_CASE("cvss 3.0 and 3.1 differ in Roundup") {
  // 10.0 * 0.92 is 9.200000000000001 in binary: 3.0's plain ceil gives 9.3 (as the FIRST 3.0
  // calculator shows), 3.1's Appendix A Roundup gives 9.2.
  auto v30 = score_cvss("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:H/A:H/RC:U");
  auto v31 = score_cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:H/A:H/RC:U");
  REQUIRE(v30);
  REQUIRE(v31);
  CHECK(v30->base == 10.0);
  CHECK(v31->base == 10.0);
  CHECK(*v30->temporal == 9.3);
  CHECK(*v31->temporal == 9.2);
}

TEST_CASE("cvss 3.x accepts metrics in any order and normalises them") {
  auto r = score_cvss("CVSS:3.1/A:L/I:L/C:N/S:C/AV:N/UI:N/PR:L/AC:H");
  REQUIRE(r);
  CHECK(r->base == 4.9);
  CHECK(r->normalized_vector == "CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:N/I:L/A:L");
  auto env_first = score_cvss("CVSS:3.0/MA:N/E:F/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  REQUIRE(env_first);
  CHECK(env_first->normalized_vector ==
        "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/MA:N");
}

TEST_CASE("cvss 3.x not-defined metrics") {
  auto r = score_cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/CR:X/MAV:X");
  REQUIRE(r);
  CHECK(r->base == 9.8);
  CHECK_FALSE(r->temporal);
  CHECK_FALSE(r->environmental);
  CHECK(r->normalized_vector == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  CHECK(r->severity == sbom::cvss::Severity::Critical);
}

TEST_CASE("cvss 3.x malformed vectors name the metric") {
  CHECK(error_of("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") ==
        "cvss 3.1 vector: unknown value 'X' for metric AV");
  CHECK(error_of("CVSS:3.1/AV:N/AC:L/UI:N/S:U/C:H/I:H/A:H") ==
        "cvss 3.1 vector: missing base metric PR");
  CHECK(error_of("CVSS:3.1/AV:N/AC:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") ==
        "cvss 3.1 vector: duplicate metric AC");
  CHECK(error_of("CVSS:3.0/AV:N/AC:L/AT:N/PR:N/UI:N/S:U/C:H/I:H/A:H") ==
        "cvss 3.0 vector: unknown metric 'AT'");
  CHECK(error_of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/") ==
        "cvss 3.1 vector: empty metric (stray '/')");
  CHECK(error_of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/AH") ==
        "cvss 3.1 vector: expected METRIC:VALUE, got 'AH'");
  CHECK(error_of("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") ==
        "cvss 3.1 vector: unknown value 'n' for metric AV");
  CHECK(error_of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:ND") ==
        "cvss 3.1 vector: unknown value 'ND' for metric E");
  CHECK(error_of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:X/MS:U") ==
        "cvss 3.1 vector: duplicate metric MS");
  CHECK(error_of("CVSS:3.1") == "cvss 3.1 vector: missing base metric AV");
  CHECK(error_of("CVSS:3.1/") == "cvss 3.1 vector: missing base metric AV");
}
