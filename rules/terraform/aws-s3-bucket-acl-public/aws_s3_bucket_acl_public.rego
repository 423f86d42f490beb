# METADATA
# title: S3 bucket ACL grants access to everyone
# description: |
#   The canned ACLs `public-read` and `public-read-write` let anyone on the internet list (and
#   with the second, write and delete) the bucket's objects, and `authenticated-read` does the
#   same for any AWS account in the world. A grant to the AllUsers group in an
#   `access_control_policy` has the same effect; it is reported but not changed automatically.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
# custom:
#   id: aws-s3-bucket-acl-public
#   target: terraform
#   severity: critical
#   checkov: [CKV_AWS_20, CKV_AWS_57]
package converge.rules.terraform.aws_s3_bucket_acl_public

import rego.v1

import data.converge.lib.terraform as tf

public_acls := {"public-read", "public-read-write", "authenticated-read"}

all_users := "http://acs.amazonaws.com/groups/global/AllUsers"

findings contains f if {
	some kind in ["aws_s3_bucket", "aws_s3_bucket_acl"]
	some r in tf.live_resources(kind)
	r.body.acl in public_acls
	f := {
		"msg": sprintf("%s.%s uses the canned ACL %q", [kind, r.name, r.body.acl]),
		"route": array.concat(r.route, ["acl"]),
		"case": "canned",
	}
}

findings contains f if {
	some r in tf.live_resources("aws_s3_bucket_acl")
	some i, policy in r.body.access_control_policy
	some j, grant in policy.grant
	some k, grantee in grant.grantee
	grantee.uri == all_users
	f := {
		"msg": sprintf("aws_s3_bucket_acl.%s grants %s to everyone (AllUsers)", [r.name, object.get(grant, "permission", "access")]),
		"route": array.concat(r.route, ["access_control_policy", i, "grant", j, "grantee", k, "uri"]),
		"case": "grant",
	}
}
