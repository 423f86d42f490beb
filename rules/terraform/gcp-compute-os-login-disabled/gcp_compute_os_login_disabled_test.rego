package converge.rules.terraform.gcp_compute_os_login_disabled_test

import rego.v1

import data.converge.rules.terraform.gcp_compute_os_login_disabled as rule

test_disabled_os_login_is_reported if {
	doc := {"resource": {
		"google_compute_instance": {"a": {"metadata": {"enable-oslogin": "FALSE"}}},
		"google_compute_instance_template": {"t": {"metadata": {"enable-oslogin": false}}},
	}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "google_compute_instance", "a", "metadata", "enable-oslogin"],
		["resource", "google_compute_instance_template", "t", "metadata", "enable-oslogin"],
	}
}

test_enabled_and_unset_are_clean if {
	doc := {"resource": {"google_compute_instance": {
		"a": {"metadata": {"enable-oslogin": "TRUE"}},
		"b": {"metadata": {"ssh-keys": "x"}},
		"c": {},
	}}}
	count(rule.findings) == 0 with input as doc
}
