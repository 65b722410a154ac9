module MigrationsSpec (spec) where

import qualified Data.Map.Strict as Map
import Test.Hspec
import Lensql.Schema.Migrations
import Lensql.Types

spec :: Spec
spec = describe "Lensql.Schema.Migrations" $ do
  it "orders numbered migrations" $
    sortMigrations ["0002_b.sql", "0001_a.sql"] `shouldBe` ["0001_a.sql", "0002_b.sql"]

  it "accepts Flyway names" $
    sortMigrations ["V2__users.sql", "V1__init.sql"] `shouldBe` ["V1__init.sql", "V2__users.sql"]

  it "reads a create table" $
    fmap (Map.keys) (applyMigration "m.sql" "create table users (id bigint primary key, name text not null);" Map.empty)
      `shouldBe` Right ["users"]

  it "rejects unknown column types" $
    applyMigration "m.sql" "create table t (x money);" Map.empty
      `shouldBe` Left (UnknownColumnType "money" "t" "m.sql" 1 1)
