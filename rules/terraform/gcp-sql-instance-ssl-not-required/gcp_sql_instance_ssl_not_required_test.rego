package converge.rules.terraform.gcp_sql_instance_ssl_not_required_test

import rego.v1

import data.converge.rules.terraform.gcp_sql_instance_ssl_not_required as rule

db(version, ipc) := {"database_version": version, "settings": [{"tier": "db-f1-micro", "ip_configuration": [ipc]}]}

test_each_setting_gets_its_case if {
	doc := {"resource": {"google_sql_database_instance": {
		"pg": db("POSTGRES_15", {"ssl_mode": "ENCRYPTED_ONLY"}),
		"my": db("MYSQL_8_0", {"require_ssl": false}),
		"ms": db("SQLSERVER_2019_STANDARD", {"ipv4_enabled": true}),
		"none": {"database_version": "POSTGRES_15", "settings": [{"tier": "db-f1-micro"}]},
	}}}
	fs := rule.findings with input as doc
	{[f.route[2], f.route[7], f.case] | some f in fs} == {
		["pg", "ssl_mode", "ssl_mode"],
		["my", "require_ssl", "require_ssl"],
		["ms", "ssl_mode", "missing_sqlserver"],
		["none", "ssl_mode", "missing"],
	}
}

test_require_ssl_on_google_6_is_replaced if {
	doc := {
		"resource": {"google_sql_database_instance": {"my": db("MYSQL_8_0", {"require_ssl": false})}},
		"__converge": {"providers": {"google": {"major": 6}}},
	}
	some f in rule.findings with input as doc
	f.case == "require_ssl_removed"
}

test_required_modes_are_clean if {
	doc := {"resource": {"google_sql_database_instance": {
		"pg": db("POSTGRES_15", {"ssl_mode": "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}),
		"my": db("MYSQL_8_0", {"require_ssl": true}),
		"ms": db("SQLSERVER_2019_STANDARD", {"ssl_mode": "ENCRYPTED_ONLY"}),
		"var": db("MYSQL_8_0", {"ssl_mode": "${var.ssl_mode}"}),
	}}}
	count(rule.findings) == 0 with input as doc
}
