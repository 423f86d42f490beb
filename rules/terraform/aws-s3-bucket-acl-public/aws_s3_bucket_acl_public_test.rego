package converge.rules.terraform.aws_s3_bucket_acl_public_test

import rego.v1

import data.converge.rules.terraform.aws_s3_bucket_acl_public as rule

test_public_canned_acls_are_reported if {
	doc := {"resource": {
		"aws_s3_bucket": {"a": {"acl": "public-read"}},
		"aws_s3_bucket_acl": {"b": {"bucket": "${aws_s3_bucket.b.id}", "acl": "authenticated-read"}},
	}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_s3_bucket_acl", "b", "acl"]
	f.case == "canned"
}

test_all_users_grants_are_reported_for_review if {
	grant := {"permission": "READ", "grantee": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"}]}
	doc := {"resource": {"aws_s3_bucket_acl": {"b": {"access_control_policy": [{"grant": [grant]}]}}}}
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_s3_bucket_acl", "b", "access_control_policy", 0, "grant", 0, "grantee", 0, "uri"]
	f.case == "grant"
}

test_private_acls_and_expressions_are_clean if {
	doc := {"resource": {
		"aws_s3_bucket": {"a": {"acl": "private"}, "b": {"acl": "${var.acl}"}, "c": {}},
		"aws_s3_bucket_acl": {"d": {"acl": "log-delivery-write"}},
	}}
	count(rule.findings) == 0 with input as doc
}
