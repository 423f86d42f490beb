resource "aws_db_instance" "orders" {
  identifier              = "orders"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  publicly_accessible     = true
  backup_retention_period = 1
}

resource "aws_kms_key" "orders" {
  description = "orders data"
}
