#!/usr/bin/env python3
"""Audit the locked dependencies for known vulnerabilities: `python3 scripts/audit.py`.

Exports every locked package (all dependency groups) from uv.lock, runs pip-audit on the list
in a throwaway environment (uvx), and fails on any known high or critical vulnerability. A
vulnerability whose severity cannot be looked up counts as high. Low and moderate ones are
printed and do not fail. Offline-safe: when no advisory service answers, it says so loudly
and exits 0 (SKIPPED). Extra arguments go to pip-audit (e.g. `--ignore-vuln GHSA-…`).

Uses only the standard library, so any Python 3.11 runs it; needs uv.
"""

import json
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

PIP_AUDIT = "pip-audit==2.10.1"
SERVICES = ("pypi", "osv")  # PyPI's advisory data first, then OSV's
OSV_VULNS = "https://api.osv.dev/v1/vulns/"
FAILING = {"HIGH", "CRITICAL", "UNKNOWN"}
ROOT = Path(__file__).resolve().parent.parent


def main(extra: list[str]) -> int:
    uv = shutil.which("uv")
    if uv is None:
        print("audit: uv is not installed (make install installs it)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="workplan-audit-") as scratch:
        requirements = Path(scratch) / "requirements.txt"
        export = [uv, "export", "--frozen", "--quiet", "--format", "requirements-txt"]
        export += ["--no-hashes", "--no-emit-project", "--all-groups", "-o", str(requirements)]
        exported = run(export)
        if exported.returncode != 0:
            print(f"audit: uv export failed: {last_line(exported.stderr)}", file=sys.stderr)
            return 2
        report, why_not = None, []
        for service in SERVICES:
            report, problem = pip_audit(uv, requirements, service, Path(scratch), extra)
            if report is not None:
                break
            why_not.append(f"{service}: {problem}")
    if report is None:
        skipped("no advisory service answered (" + "; ".join(why_not) + ")")
        return 0
    return judge(report)


def pip_audit(uv, requirements, service, scratch, extra) -> tuple[dict | None, str]:
    """The report of one advisory service, or None and why it gave none."""
    output = scratch / f"{service}.json"
    command = [uv, "tool", "run", "--quiet", "--from", PIP_AUDIT, "pip-audit"]
    command += ["-r", str(requirements), "--no-deps", "--disable-pip", "-s", service]
    command += ["--format", "json", "--aliases", "on", "--desc", "off", "-o", str(output)]
    command += ["--progress-spinner", "off", "--timeout", "20", *extra]
    result = run(command)
    if not output.exists():
        return None, last_line(result.stderr) or f"pip-audit exited with {result.returncode}"
    report = json.loads(output.read_text())
    audited = [dep for dep in report["dependencies"] if "skip_reason" not in dep]
    if not audited:  # every package "not found": the service's data is out of reach
        return None, f"no advisory data for any of {len(report['dependencies'])} packages"
    return report, ""


def judge(report: dict) -> int:
    dependencies = report["dependencies"]
    unaudited = [dep["name"] for dep in dependencies if "skip_reason" in dep]
    found = [(dep, vuln) for dep in dependencies for vuln in dep.get("vulns", [])]
    audited = len(dependencies) - len(unaudited)
    if unaudited:
        print(f"audit: WARNING, not audited (unknown to the service): {', '.join(unaudited)}")
    failing = []
    for dep, vuln in found:
        level = severity([vuln["id"], *vuln.get("aliases", [])])
        fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
        print(f"audit: {level:<8} {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
        if level in FAILING:
            failing.append(vuln["id"])
    if failing:
        print(
            f"audit: FAILED, {len(failing)} high, critical or unrated vulnerabilities "
            f"in {audited} audited packages (upgrade them, or pass --ignore-vuln ID with a reason)"
        )
        return 1
    print(f"audit: passed, {audited} packages, no known high or critical vulnerability")
    return 0


def severity(ids: list[str]) -> str:
    """The advisory's rating (LOW, MODERATE, HIGH, CRITICAL), or UNKNOWN when none is found."""
    for vuln_id in sorted(ids, key=lambda i: not i.startswith("GHSA-")):
        try:
            with urllib.request.urlopen(OSV_VULNS + vuln_id, timeout=10) as response:  # noqa: S310
                record = json.load(response)
        except (urllib.error.URLError, OSError, ValueError):
            continue
        rating = (record.get("database_specific") or {}).get("severity")
        if rating:
            return str(rating).upper()
    return "UNKNOWN"


def skipped(reason: str) -> None:
    line = "=" * 78
    print(f"{line}\naudit: SKIPPED, vulnerabilities NOT checked: {reason}\n{line}")


def run(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (fixed programs, no shell)
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
