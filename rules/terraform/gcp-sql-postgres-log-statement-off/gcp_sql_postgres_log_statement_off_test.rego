package converge.rules.terraform.gcp_sql_postgres_log_statement_off_test

import rego.v1

import data.converge.rules.terraform.gcp_sql_postgres_log_statement_off as rule

db(version, flags) := {"database_version": version, "settings": [{"tier": "db-custom-2-7680", "database_flags": flags}]}

flag(name, value) := {"name": name, "value": value}

test_missing_flag_is_reported_at_the_flags if {
	doc := {"resource": {"google_sql_database_instance": {
		"none": {"database_version": "POSTGRES_16", "settings": [{"tier": "db-custom-2-7680"}]},
		"other": db("POSTGRES_16", [flag("log_temp_files", "0")]),
	}}}
	fs := rule.findings with input as doc
	{[f.route, f.case] | some f in fs} == {
		[["resource", "google_sql_database_instance", "none", "settings", 0, "database_flags"], "missing"],
		[["resource", "google_sql_database_instance", "other", "settings", 0, "database_flags"], "missing"],
	}
}

test_wrong_value_points_at_the_first_block_value if {
	doc := {"resource": {"google_sql_database_instance": {"pg": db("POSTGRES_15", [flag("log_temp_files", "0"), flag("log_statement", "none"), flag("log_statement", "NONE")])}}}
	fs := rule.findings with input as doc
	count(fs) == 1
	some f in fs
	f.case == "wrong"
	f.route == ["resource", "google_sql_database_instance", "pg", "settings", 0, "database_flags", 1, "value"]
}

test_accepted_values_are_clean if {
	docs := [{"resource": {"google_sql_database_instance": {"pg": db("POSTGRES_16", [flag("log_statement", v)])}}} | some v in ["ddl", "mod", "all"]]
	every doc in docs {
		count(rule.findings) == 0 with input as doc
	}
	# one accepted block among wrong ones is enough, as for checkov
	both := {"resource": {"google_sql_database_instance": {"pg": db("POSTGRES_16", [flag("log_statement", "none"), flag("log_statement", "ddl")])}}}
	count(rule.findings) == 0 with input as both
}

test_other_engines_unknown_values_and_dynamic_blocks_are_skipped if {
	doc := {"resource": {"google_sql_database_instance": {
		"mysql": db("MYSQL_8_0", []),
		"version_var": db("${var.database_version}", []),
		"value_var": db("POSTGRES_16", [flag("log_statement", "${var.value}")]),
		"name_var": db("POSTGRES_16", [flag("${var.name}", "ddl")]),
		"flags_var": {"database_version": "POSTGRES_16", "settings": [{"database_flags": ["${var.flags}"]}]},
		"dynamic_flags": {"database_version": "POSTGRES_16", "settings": [{"dynamic": {"database_flags": [{"for_each": "${var.flags}"}]}}]},
		"dynamic_settings": {"database_version": "POSTGRES_16", "dynamic": {"settings": [{"for_each": "${var.s}"}]}},
		"disabled": object.union(db("POSTGRES_16", []), {"count": 0}),
	}}}
	count(rule.findings) == 0 with input as doc
}
